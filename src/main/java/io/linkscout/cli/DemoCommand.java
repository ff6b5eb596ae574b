package io.linkscout.cli;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.InputFormats;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the main job on the embedded default — builds an index from the bundled sample corpus (if the
 * index folder has none yet) and recommends linking sites and pages for the bundled example article.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Index the bundled sample corpus (first run) and recommend who will link to the bundled "
                + "example article.")
public class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "sample/";
    static final String MARKER = "linkscout.sample";
    static final List<String> INPUTS = List.of("pages.jsonl.gz", "sites.jsonl.gz", "authority.csv.gz");

    @Mixin
    IndexOption index;

    @Option(names = "--top", defaultValue = "10", description = "Results per list (default: ${DEFAULT-VALUE}).")
    int top;

    @Inject
    RecommendService service;

    @Override
    public Integer call() throws Exception {
        IndexLayout layout = index.layout();
        if (layout.exists()) {
            try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
                if (!"true".equals(idx.commitData().get(MARKER))) {
                    throw new UserException("the index at " + layout.root() + " holds your own data, not the sample; "
                            + "run the demo with --index index/sample (or another empty folder)");
                }
            }
            System.err.println("using the sample index at " + layout.root());
        } else {
            ingestSample(layout);
        }
        String article = resource(SAMPLE + "example-article.md");
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Recommender rec = new Recommender(idx, RankerModel.bundled());
            for (Recommender.Unit unit : List.of(Recommender.Unit.PAGE, Recommender.Unit.SITE)) {
                RecommendService.Response resp = service.recommend(rec, RecommendService.Request.of(null, article,
                        "markdown", top, unit, 0, Set.of()));
                System.out.println("=== " + (unit == Recommender.Unit.SITE ? "Sites" : "Pages")
                        + " most likely to link to the example article ===");
                System.out.print(RecommendService.table(resp));
                if (unit == Recommender.Unit.SITE && resp.results().size() == 1) {
                    System.out.println("(The sample's pages all come from one site, en.wikipedia.org, so the site view "
                            + "has one entry; with pages from many sites it ranks sites, best page as evidence.)\n");
                }
            }
        }
        System.out.println("Next: your own data — ingest --index DIR FILES..., then recommend --index DIR --content "
                + "YOUR-ARTICLE.md (see README).");
        return 0;
    }

    private void ingestSample(IndexLayout layout) throws IOException {
        System.err.println("building the sample index at " + layout.root() + " (first run only) ...");
        Path tmp = Files.createTempDirectory("linkscout-sample");
        try {
            List<Path> files = new ArrayList<>();
            for (String name : INPUTS) {
                Path f = tmp.resolve(name);
                try (InputStream in = stream(SAMPLE + name)) {
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(f);
            }
            IndexBuilder b = new IndexBuilder(layout, Runtime.getRuntime().availableProcessors(), null);
            b.setExtraCommitData(Map.of(MARKER, "true"));
            IndexBuilder.Result r = b.ingest((sink, report) -> InputFormats.readAll(files, null, sink, report));
            System.err.println(IngestCommand.summary(r));
        } finally {
            try (var w = Files.walk(tmp)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static InputStream stream(String name) {
        InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bundled resource " + name + " is missing from the application");
        }
        return in;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
