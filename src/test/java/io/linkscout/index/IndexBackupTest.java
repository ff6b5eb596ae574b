package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.ingest.PageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBackupTest {

    private static PageRecord page(String url, String text) {
        return new PageRecord(url, url.substring(url.lastIndexOf('/') + 1), text, List.of(), List.of(), null, "test",
                List.of(), List.of(), null);
    }

    private static List<String> ids(IndexLayout layout) throws Exception {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            List<String> out = new java.util.ArrayList<>();
            for (var h : idx.searcher().search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                    IndexFields.TYPE, IndexFields.TYPE_PAGE)), Integer.MAX_VALUE).scoreDocs) {
                out.add(idx.reader().storedFields().document(h.doc).get(IndexFields.ID));
            }
            out.sort(null);
            return out;
        }
    }

    /** Back up, change the index, restore: the state is the backed-up one, graphs included. */
    @Test
    void backupChangeRestore(@TempDir Path dir) throws Exception {
        IndexLayout index = new IndexLayout(dir.resolve("index"));
        new IndexBuilder(index, 1, null).ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        List<String> before = ids(index);
        IndexBackup.Result b = IndexBackup.backup(index, dir.resolve("backup"));
        assertEquals(before.size(), b.pages());
        assertEquals(before, ids(new IndexLayout(dir.resolve("backup"))));

        new IndexBuilder(index, 1, null).ingest((sink, report) -> sink.page(page("https://new.example/added",
                "A page added after the backup, about kelp.")));
        assertEquals(before.size() + 1, ids(index).size());

        IndexBackup.Result r = IndexBackup.restore(dir.resolve("backup"), index);
        assertEquals(before.size(), r.pages());
        assertEquals(before, ids(index));
        try (LinkScoutIndex idx = LinkScoutIndex.open(index)) {
            assertTrue(idx.pageGraph().nodeCount() > 0, "the restored index has its page graph");
        }
        try (var s = Files.list(index.root())) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".restore-")), "staging removed");
        }
        // the restored index takes ingests again
        new IndexBuilder(index, 1, null).ingest((sink, report) -> sink.page(page("https://new.example/again",
                "Another page about sea otters.")));
        assertEquals(before.size() + 1, ids(index).size());
    }

    @Test
    void aLockedIndexOrAFullTargetIsAClearError(@TempDir Path dir) throws Exception {
        IndexLayout index = new IndexLayout(dir.resolve("index"));
        new IndexBuilder(index, 1, null).ingest((sink, report) -> IndexFixtures.pages().forEach(sink::page));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("x.txt"), "x");
        UserException e = assertThrows(UserException.class, () -> IndexBackup.backup(index, full));
        assertTrue(e.getMessage().contains("not an empty folder"), e.getMessage());
        try (FSDirectory d = FSDirectory.open(index.lucene());
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            UserException locked = assertThrows(UserException.class, () -> IndexBackup.backup(index,
                    dir.resolve("b2")));
            assertTrue(locked.getMessage().contains("is locked"), locked.getMessage());
            assertEquals(409, locked.status());
            assertFalse(Files.exists(dir.resolve("b2")), "nothing half-written");
        }
    }
}
