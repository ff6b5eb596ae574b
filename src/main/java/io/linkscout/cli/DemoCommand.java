package io.linkscout.cli;

import io.linkscout.eval.SampleExamples;

import io.linkscout.quality.AuthorityConfig;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.rank.Rankers;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
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
 * index folder has none yet, or holds an older version of the sample) and recommends linking sites and pages for
 * the bundled example articles.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Index the bundled sample corpus (first run) and recommend who will link to the bundled "
                + "example articles.")
public class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "sample/";
    /** Commit-data key of a sample index; its value is {@link #SAMPLE_VERSION}. */
    static final String MARKER = "linkscout.sample";
    /** Version of the bundled sample; an index built from another version is rebuilt. */
    static final String SAMPLE_VERSION = "2";
    static final List<String> INPUTS = List.of("pages.jsonl.gz", "blog-pages.jsonl.gz", "sites.jsonl.gz",
            "authority.csv.gz");

    /** A bundled example article and what it is about. */
    record Example(String file, String about) {
        Example(SampleExamples.Example e) {
            this(e.file(), e.about());
        }
    }

    static final List<Example> EXAMPLES = SampleExamples.ALL.stream().map(Example::new).toList();

    @Mixin
    IndexOption index;

    @Option(names = "--top", defaultValue = "10", description = "Results per list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--example", paramLabel = "N",
            description = "Only example N: 1 = a Rust command-line tool (blogs), 2 = volcanoes (Wikipedia pages)"
                    + " (default: both).")
    Integer example;

    @Inject
    RecommendService service;

    @Inject
    Rankers rankers;

    @Inject
    AuthoritySettings authority;

    @Override
    public Integer call() throws Exception {
        if (example != null && (example < 1 || example > EXAMPLES.size())) {
            throw new UserException("--example must be 1 or " + EXAMPLES.size() + " (got " + example + ")");
        }
        IndexLayout layout = index.layout();
        if (layout.exists()) {
            String version;
            try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
                version = idx.commitData().get(MARKER);
            }
            if (version == null) {
                throw new UserException("the index at " + layout.root() + " holds your own data, not the sample; "
                        + "run the demo with --index index/sample (or another empty folder)");
            }
            if (version.equals(SAMPLE_VERSION)) {
                System.err.println("using the sample index at " + layout.root());
            } else {
                System.err.println("the sample index at " + layout.root() + " is from an older sample; rebuilding it");
                deleteTree(layout.lucene());
                deleteTree(layout.graphDir());
                ingestSample(layout);
            }
        } else {
            ingestSample(layout);
        }
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            Recommender rec = rankers.recommender(idx, null);
            for (int i = 0; i < EXAMPLES.size(); i++) {
                if (example != null && example != i + 1) {
                    continue;
                }
                Example ex = EXAMPLES.get(i);
                System.out.println("##### Example " + (i + 1) + " of " + EXAMPLES.size() + ": " + ex.file() + " ("
                        + ex.about() + ") #####\n");
                String article = resource(SAMPLE + ex.file());
                for (Recommender.Unit unit : List.of(Recommender.Unit.SITE, Recommender.Unit.PAGE)) {
                    RecommendService.Response resp = service.recommend(rec, RecommendService.Request.of(null, article,
                            "markdown", top, unit, 0, Set.of()));
                    System.out.println("=== " + (unit == Recommender.Unit.SITE ? "Sites" : "Pages")
                            + " most likely to link to example " + (i + 1) + " ===");
                    System.out.print(RecommendService.table(resp));
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
            b.setAuthorityConfig(AuthorityConfig.of(authority));
            b.setExtraCommitData(Map.of(MARKER, SAMPLE_VERSION));
            IndexBuilder.Result r = b.ingest((sink, report) -> InputFormats.readAll(files, null, sink, report));
            System.err.println(IngestCommand.summary(r));
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var w = Files.walk(root)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
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
