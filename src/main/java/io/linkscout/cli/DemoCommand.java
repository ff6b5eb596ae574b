package io.linkscout.cli;

import io.linkscout.eval.SampleExamples;
import io.linkscout.eval.SampleIndex;

import io.linkscout.quality.AuthorityConfig;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.rank.Rankers;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    /** Commit-data key of a sample index and the bundled sample's version (see {@link SampleIndex}). */
    static final String MARKER = SampleIndex.MARKER;
    static final String SAMPLE_VERSION = SampleIndex.VERSION;

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
        SampleIndex.Outcome o = SampleIndex.ensure(layout, AuthorityConfig.of(authority), System.err::println);
        switch (o.state()) {
            case OWN_DATA -> throw new UserException("the index at " + layout.root() + " holds your own data, not "
                    + "the sample; run the demo with --index index/sample (or another empty folder)");
            case SAMPLE -> System.err.println("using the sample index at " + layout.root());
            default -> System.err.println(IngestCommand.summary(o.built()));
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
