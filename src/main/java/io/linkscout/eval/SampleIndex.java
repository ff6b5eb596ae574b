package io.linkscout.eval;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.InputFormats;
import io.linkscout.quality.AuthorityConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The index of the bundled sample corpus (README "Sample corpus"): what {@code demo} ranks with and what
 * {@code serve} opens on when no index exists yet. A sample index carries {@link #MARKER} = {@link #VERSION} in its
 * commit data, so that an index of the user's own data is never rebuilt and an older sample is.
 */
public final class SampleIndex {

    /** Commit-data key of a sample index; its value is {@link #VERSION}. */
    public static final String MARKER = "linkscout.sample";
    /**
     * Bumped whenever the bundled sample changes, or what a page document holds does (3: page spam, in-links and
     * referring domains as doc values), so that an older sample index is rebuilt.
     */
    public static final String VERSION = "3";
    /** The bundled inputs, under {@code /sample/}. */
    public static final List<String> INPUTS = List.of("pages.jsonl.gz", "blog-pages.jsonl.gz", "sites.jsonl.gz",
            "authority.csv.gz");

    /** What {@link #ensure} found. */
    public enum State {
        /** the sample index, current */
        SAMPLE,
        /** none was there: built */
        BUILT,
        /** an older sample: rebuilt */
        REBUILT,
        /** an index of the user's own data: left alone */
        OWN_DATA
    }

    /** What {@link #ensure} found, and the build's result when it built one. */
    public record Outcome(State state, IndexBuilder.Result built) {
    }

    private SampleIndex() {
    }

    /** Builds the sample index at {@code layout} when none is there (or an older sample is); says what it did. */
    public static Outcome ensure(IndexLayout layout, AuthorityConfig config, Consumer<String> log) throws IOException {
        if (layout.exists()) {
            String version;
            try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
                version = idx.commitData().get(MARKER);
            }
            if (version == null) {
                return new Outcome(State.OWN_DATA, null);
            }
            if (version.equals(VERSION)) {
                return new Outcome(State.SAMPLE, null);
            }
            log.accept("the sample index at " + layout.root() + " is from an older sample; rebuilding it");
            org.apache.lucene.util.IOUtils.rm(layout.lucene());
            org.apache.lucene.util.IOUtils.rm(layout.graphDir());
            return new Outcome(State.REBUILT, build(layout, config, log));
        }
        return new Outcome(State.BUILT, build(layout, config, log));
    }

    private static IndexBuilder.Result build(IndexLayout layout, AuthorityConfig config, Consumer<String> log) throws IOException {
        log.accept("building the sample index at " + layout.root() + " (first run only) ...");
        Path tmp = Files.createTempDirectory("linkscout-sample");
        try {
            List<Path> files = new ArrayList<>();
            for (String name : INPUTS) {
                Path f = tmp.resolve(name);
                try (InputStream in = SampleIndex.class.getResourceAsStream("/sample/" + name)) {
                    if (in == null) {
                        throw new UserException("the bundled sample file " + name + " is missing from this build");
                    }
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(f);
            }
            IndexBuilder b = new IndexBuilder(layout, Runtime.getRuntime().availableProcessors(), null);
            b.setAuthorityConfig(config);
            b.setExtraCommitData(Map.of(MARKER, VERSION));
            return b.ingest((sink, report) -> InputFormats.readAll(files, null, sink, report));
        } finally {
            org.apache.lucene.util.IOUtils.rm(tmp);
        }
    }

}
