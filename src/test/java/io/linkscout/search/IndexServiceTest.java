package io.linkscout.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's index access over Lucene's SearcherManager: leases outlive refreshes, and are released. */
class IndexServiceTest {

    @TempDir
    Path dir;

    private void ingest(String url, String text) throws IOException {
        new IndexBuilder(new IndexLayout(dir), 1, null).ingest((sink, report) -> {
            sink.page(new PageRecord(url, "Page " + url, text, List.of(), List.of(), "2024-05-01T00:00:00Z", url));
            report.pageRead();
        });
    }

    private static Set<String> urls(LinkScoutIndex idx) throws IOException {
        Set<String> out = new TreeSet<>();
        for (ScoreDoc d : idx.searcher().search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)),
                100).scoreDocs) {
            out.add(idx.reader().storedFields().document(d.doc).get(IndexFields.ID));
        }
        return out;
    }

    @Test
    void aSearcherAcquiredBeforeTwoRefreshesStillReadsCorrectlyAndIsReleased() throws Exception {
        ingest("https://a-site.com/one", "Kelp forests grow along cold rocky coasts.");
        IndexService service = new IndexService(dir);
        try {
            IndexService.Lease old = service.acquire();
            LinkScoutIndex first = old.index();
            DirectoryReader firstReader = first.reader();
            assertEquals(Set.of("https://a-site.com/one"), urls(first));

            ingest("https://b-site.org/two", "Sea otters eat urchins.");
            try (IndexService.Lease l = service.acquire()) { // refresh 1
                assertEquals(2, l.index().count(IndexFields.TYPE_PAGE));
            }
            ingest("https://c-site.net/three", "Urchin barrens spread where otters vanished.");
            try (IndexService.Lease l = service.acquire()) { // refresh 2
                assertEquals(3, l.index().count(IndexFields.TYPE_PAGE));
                assertTrue(l.index().reader() != firstReader);
            }

            // the old generation still reads its own commit: documents, stored fields, postings, link graphs
            assertEquals(Set.of("https://a-site.com/one"), urls(first));
            assertEquals(1, first.count(IndexFields.TYPE_PAGE));
            assertEquals(1, first.domainGraph().nodeCount());
            assertTrue(firstReader.getRefCount() > 0);
            assertEquals(2, service.openGenerations(), "the leased generation and the current one");

            old.close();
            assertEquals(0, firstReader.getRefCount(), "released: the old reader is closed");
            assertThrows(AlreadyClosedException.class, () -> firstReader.storedFields());
            assertEquals(1, service.openGenerations());
            assertThrows(IllegalStateException.class, old::index);
        } finally {
            service.close();
        }
    }

    @Test
    void withoutAnIndexAcquireIsA404SayingHowToCreateOne() {
        UserException e = assertThrows(UserException.class, () -> new IndexService(dir.resolve("none")).acquire());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("ingest"), e.getMessage());
    }

    /** {@code serve --index B --backend opensearch ...}: requests read B through that backend, not the configuration. */
    @Test
    void serveOptionsReplaceTheConfiguredIndexAndBackend() throws Exception {
        Path configured = dir.resolve("configured");
        Path chosen = dir.resolve("chosen");
        new IndexBuilder(new IndexLayout(chosen), 1, null).ingest((sink, report) -> {
            sink.page(new PageRecord("https://b-site.com/x", "B", "Only in the chosen index.", List.of(), List.of(),
                    "2024-05-01T00:00:00Z", "https://b-site.com/x"));
            report.pageRead();
        });
        IndexService service = new IndexService(configured);
        BackendResolver resolver = new BackendResolver("lucene", null);
        service.backends = resolver;
        try {
            assertEquals(configured, service.layout().root());
            assertEquals(BackendResolver.Choice.LUCENE, service.backend());
            assertThrows(UserException.class, service::acquire); // nothing at the configured folder
            BackendResolver.Choice cluster = new BackendResolver.Choice(true, "http://127.0.0.1:9200", "served", 2, 1);
            service.serve(new IndexLayout(chosen), cluster);
            assertEquals(chosen, service.layout().root());
            assertEquals(cluster, service.backend());
            assertEquals(cluster, resolver.configured()); // what the shared recommender asks for
            assertEquals(Set.of("https://b-site.com/x"), service.withIndex(idx -> {
                try {
                    return urls(idx);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        } finally {
            service.close();
        }
    }
}
