package io.linkscout.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.ingest.InputFormats;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site catalog joined with the authority lists by registrable domain, on real excerpts (first 50 rows of
 * each; counts worked out independently from the fixture files).
 */
class CatalogJoinTest {

    @Test
    void catalogRowsGetTheirAuthorityFiguresByRegistrableDomain(@TempDir Path dir) throws Exception {
        Path fx = Path.of("src/test/resources/fixtures");
        List<Path> inputs = List.of(fx.resolve("catalog/sites-head50.jsonl"),
                fx.resolve("authority/majestic-head50.csv"), fx.resolve("authority/moz-head50.csv"));
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        IndexStats s = new IndexBuilder(layout, 1, null).ingest((sink, report) ->
                InputFormats.readAll(inputs, null, sink, report)).stats();
        assertEquals(50, s.catalogRows());
        // Majestic lists hosts (plus.google.com, maps.google.com, ...): 50 rows are 37 registrable domains, the
        // best-ranked row kept for each; the Moz excerpt has 36 registrable domains
        assertEquals(37 + 36, s.authorityRows());
        assertEquals(36, s.sites(), "36 distinct registrable domains in the 50 catalog rows");
        Set<String> majestic = new TreeSet<>();
        Set<String> moz = new TreeSet<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            StoredFields sf = idx.reader().storedFields();
            for (ScoreDoc h : idx.searcher().search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)),
                    1000).scoreDocs) {
                Document d = sf.document(h.doc);
                String metrics = d.get(IndexFields.METRICS);
                if (metrics.contains("\"majestic_rank\"")) {
                    majestic.add(d.get(IndexFields.ID));
                }
                if (metrics.contains("\"moz_domain_authority\"")) {
                    moz.add(d.get(IndexFields.ID));
                }
            }
        }
        // catalog rows that carry their own majestic_rank, plus the two catalog domains in the Majestic excerpt
        // (reddit.com, youtube.com)
        assertEquals(Set.of("androidauthority.com", "androidcentral.com", "blog.google", "buffer.com",
                "campaign-archive.com", "gsmarena.com", "jetbrains.com", "reddit.com", "twit.tv", "xda-developers.com",
                "youtube.com"), majestic);
        assertEquals(Set.of("medium.com", "youtube.com"), moz);
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            var hits = idx.searcher().search(new TermQuery(new Term(IndexFields.ID, "youtube.com")), 1).scoreDocs;
            String m = idx.reader().storedFields().document(hits[0].doc).get(IndexFields.METRICS);
            assertEquals(true, m.contains("\"majestic_rank\":3.0"), m);
        }
    }
}
