package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import io.linkscout.quality.AuthorityConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code demo} never rebuild an index of the user's own data, nor a current sample index. */
class SampleIndexTest {

    private static long build(IndexLayout layout, Map<String, String> commitData) throws Exception {
        IndexBuilder b = new IndexBuilder(layout, 1, null);
        b.setExtraCommitData(commitData);
        return b.ingest((sink, report) -> sink.page(new PageRecord("https://mine.example/a", "Mine",
                "My own page about kelp forests and sea otters.", List.of(), List.of(), null, "test", List.of(),
                List.of(), null))).stats().pages();
    }

    @Test
    void ownDataAndACurrentSampleAreLeftAlone(@TempDir Path dir) throws Exception {
        IndexLayout own = new IndexLayout(dir.resolve("own"));
        build(own, Map.of());
        List<String> log = new ArrayList<>();
        SampleIndex.Outcome o = SampleIndex.ensure(own, AuthorityConfig.DEFAULTS, log::add);
        assertEquals(SampleIndex.State.OWN_DATA, o.state());
        assertNull(o.built());
        try (LinkScoutIndex idx = LinkScoutIndex.open(own)) {
            assertEquals(1, idx.stats().pages());
        }

        IndexLayout sample = new IndexLayout(dir.resolve("sample"));
        build(sample, Map.of(SampleIndex.MARKER, SampleIndex.VERSION));
        o = SampleIndex.ensure(sample, AuthorityConfig.DEFAULTS, log::add);
        assertEquals(SampleIndex.State.SAMPLE, o.state());
        try (LinkScoutIndex idx = LinkScoutIndex.open(sample)) {
            assertEquals(1, idx.stats().pages());
        }
        assertEquals(List.of(), log);
    }
}
