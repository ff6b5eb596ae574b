package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;

/**
 * The mention counts of {@link PhraseCounts} (each term's postings read once per segment) equal those of Lucene's
 * {@code Matches} (one phrase scorer per phrase, segment and document) — the path they replace — on random
 * documents and phrases with the index's English analyzer (stop words leave position gaps, plurals stem to the
 * same term, words repeat inside phrases), over several segments.
 */
class PhraseCountsTest {

    private static final String[] WORDS = {"hoover", "dam", "dams", "the", "of", "river", "lake", "mead", "new",
            "york", "a", "colorado", "power", "plant", "and", "dam's"};

    private static String words(Random rng, int min, int max) {
        StringBuilder sb = new StringBuilder();
        int len = min + rng.nextInt(max - min + 1);
        for (int k = 0; k < len; k++) {
            sb.append(k > 0 ? " " : "").append(WORDS[rng.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    @Test
    void countsEqualLuceneMatchesOnRandomDocumentsAndPhrases() throws Exception {
        long seed = 1414;
        Random rng = new Random(seed);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig cfg = new IndexWriterConfig(IndexFields.analyzer()).setMaxBufferedDocs(53)
                    .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
            int n = 600;
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (int i = 0; i < n; i++) {
                    Document d = new Document();
                    d.add(new TextField(IndexFields.BODY, words(rng, 0, 40), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                assertTrue(r.leaves().size() > 5, "several segments");
                IndexSearcher s = new IndexSearcher(r);
                QueryBuilder qb = new QueryBuilder(IndexFields.analyzer());
                int compared = 0;
                long mentionsSeen = 0;
                long coveredSeen = 0;
                for (int round = 0; round < 60; round++) {
                    BooleanQuery.Builder b = new BooleanQuery.Builder();
                    int variants = 1 + rng.nextInt(3);
                    for (int v = 0; v < variants; v++) {
                        Query p = qb.createPhraseQuery(IndexFields.BODY, words(rng, 1, 3));
                        if (p != null) {
                            b.add(p, BooleanClause.Occur.SHOULD);
                        }
                    }
                    Set<Query> distinct = new LinkedHashSet<>();
                    int longer = rng.nextInt(12);
                    for (int l = 0; l < longer; l++) {
                        Query p = qb.createPhraseQuery(IndexFields.BODY, words(rng, 2, 5));
                        if (p != null) {
                            distinct.add(p);
                        }
                    }
                    List<Query> longerRewritten = new ArrayList<>();
                    for (Query q : distinct) {
                        longerRewritten.add(s.rewrite(q));
                    }
                    Query mention = s.rewrite(b.build());
                    // a random ascending subset of the documents, across segments
                    int[] docs = rng.ints(0, n).distinct().limit(1 + rng.nextInt(200)).sorted().toArray();
                    int[][] expected = LuceneSignals.mentions(mention, longerRewritten, r.leaves(), s, docs, false);
                    int[][] actual = LuceneSignals.mentions(mention, longerRewritten, r.leaves(), s, docs, true);
                    for (int j = 0; j < docs.length; j++) {
                        assertArrayEquals(expected[j], actual[j], "seed " + seed + ", round " + round + ", doc "
                                + docs[j] + ", mention " + mention + ", longer " + longerRewritten);
                        mentionsSeen += expected[j][0];
                        coveredSeen += expected[j][2];
                    }
                    compared += docs.length;
                }
                // the comparison is not vacuous: many documents mention, and many mentions are covered
                assertTrue(compared > 3000, "compared " + compared);
                assertTrue(mentionsSeen > 1000, "mentions " + mentionsSeen);
                assertTrue(coveredSeen > 100, "covered " + coveredSeen);
            }
        }
    }

    @Test
    void handCountedPhraseWithAStopWordGap() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexFields.analyzer()))) {
                for (String text : new String[] {"the lake of the dams and the lake of dams", "lake dam lake dam",
                        "dam"}) {
                    Document d = new Document();
                    d.add(new TextField(IndexFields.BODY, text, Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(r);
                QueryBuilder qb = new QueryBuilder(IndexFields.analyzer());
                // "lake of the dam": lake at p, dam at p + 3 (two stop words); "dam" alone
                Query phrase = s.rewrite(qb.createPhraseQuery(IndexFields.BODY, "lake of the dam"));
                Query dam = s.rewrite(qb.createPhraseQuery(IndexFields.BODY, "dam"));
                PhraseCounts pc = PhraseCounts.of(List.of(List.of(dam), List.of(phrase)));
                assertNotNull(pc);
                int[][] c = pc.count(r.leaves(), new int[] {0, 1, 2});
                // doc 0: the(0) lake(1) of(2) the(3) dams(4) and(5) the(6) lake(7) of(8) dams(9): "dam" at 4 and 9;
                // "lake of the dam" at 1 (dam at 4) only — lake(7) is followed by dam at 9, not 10
                assertArrayEquals(new int[] {2, 4, 1, 1}, c[0]);
                // doc 1: lake(0) dam(1) lake(2) dam(3): lake at 0 and dam at 3 is the phrase, stop-word gap and all
                assertArrayEquals(new int[] {2, 1, 1, 0}, c[1]);
                assertArrayEquals(new int[] {1, 0, 0, -1}, c[2]);
                // and Lucene's Matches agree
                int[][] m = LuceneSignals.mentions(dam, List.of(phrase), r.leaves(), s, new int[] {0, 1, 2}, false);
                assertArrayEquals(new int[] {2, 4, 1}, m[0]);
                assertArrayEquals(new int[] {2, 1, 1}, m[1]);
                assertArrayEquals(new int[] {1, 0, 0}, m[2]);
            }
        }
    }

    @Test
    void otherQueriesAreLeftToMatches() throws Exception {
        assertNull(PhraseCounts.of(List.of(List.of(new FuzzyQuery(new Term(IndexFields.BODY, "dam"))))));
        assertNull(PhraseCounts.of(List.of(List.of(new org.apache.lucene.search.TermQuery(
                new Term(IndexFields.BODY, "dam")), new org.apache.lucene.search.TermQuery(new Term("title", "dam"))))));
        assertEquals(0, PhraseCounts.of(List.of(List.of())).count(List.of(), new int[0]).length);
    }
}
