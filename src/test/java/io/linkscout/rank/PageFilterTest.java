package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexFields;
import io.linkscout.search.QuerySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The ranking's top k and candidate scores without the page-type filter ({@link QuerySpec#withoutType}, as
 * {@link LuceneSignals} runs them) are exactly those with it: on an index where site documents share the page
 * fields (so the filter does remove matches), several segments above and below Lucene's 4,096-document window
 * (both of {@code MaxScoreBulkScorer}'s filter paths), deleted documents, Zipf-distributed words (scores over a
 * wide range), every query shape the ranking builds.
 */
class PageFilterTest {

    private static final String PAGE = IndexFields.TYPE_PAGE;

    @Test
    void withoutTypeRemovesOnlyTheTypeFilterAtAnyDepth() {
        QuerySpec body = QuerySpec.anyTerm("body", List.of("a", "b"));
        QuerySpec typed = QuerySpec.typed(body, PAGE);
        assertEquals(body, QuerySpec.withoutType(typed, PAGE));
        // inside a bool with an authority clause (the first stage's form), a boost, a zero-score clause
        QuerySpec first = new QuerySpec.Bool(List.of(typed), List.of(new QuerySpec.Authority(2)), List.of());
        assertEquals(new QuerySpec.Bool(List.of(body), List.of(new QuerySpec.Authority(2)), List.of()),
                QuerySpec.withoutType(first, PAGE));
        QuerySpec nested = new QuerySpec.Bool(List.of(new QuerySpec.ZeroScore(QuerySpec.typed(
                new QuerySpec.Term("link_domains", "x.com"), PAGE))), List.of(new QuerySpec.Boost(typed, 2f)),
                List.of());
        assertEquals(new QuerySpec.Bool(List.of(new QuerySpec.ZeroScore(new QuerySpec.Term("link_domains",
                "x.com"))), List.of(new QuerySpec.Boost(body, 2f)), List.of()), QuerySpec.withoutType(nested, PAGE));
        // another type's filter, or a filter beside other filters, stays
        QuerySpec site = QuerySpec.typed(body, IndexFields.TYPE_SITE);
        assertEquals(site, QuerySpec.withoutType(site, PAGE));
        QuerySpec two = new QuerySpec.Bool(List.of(body), List.of(), List.of(new QuerySpec.Term(IndexFields.TYPE,
                PAGE), new QuerySpec.Term("domain", "x.com")));
        assertEquals(two, QuerySpec.withoutType(two, PAGE));
        assertNull(QuerySpec.withoutType(null, PAGE));
    }

    @Test
    void topKAndScoresOfPagesAreTheSameWithoutThePageFilter() throws Exception {
        Analyzer analyzer = IndexFields.analyzer();
        String[] words = new String[400];
        for (int i = 0; i < words.length; i++) {
            words[i] = "w" + Integer.toString(i, 26).replace('0', 'q');
        }
        // Zipf-like: word i drawn with weight 1 / (i + 1)
        double[] cum = new double[words.length];
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += 1.0 / (i + 1);
            cum[i] = sum;
        }
        Random rng = new Random(20261207L);
        int n = 14_000;
        boolean[] isSite = new boolean[n];
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            // segments of 6,000 documents (above the 4,096 window) and smaller ones, no merges
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setMaxBufferedDocs(6_000)
                    .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                    .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (int i = 0; i < n; i++) {
                    // site documents: 1 in 40, and a run of them together (as an ingest writes them last)
                    isSite[i] = i % 40 == 3 || (i >= 12_000 && i < 12_400);
                    Document d = new Document();
                    d.add(new StringField("id", Integer.toString(i), Field.Store.NO));
                    d.add(new StringField(IndexFields.TYPE, isSite[i] ? IndexFields.TYPE_SITE : PAGE,
                            Field.Store.NO));
                    // site documents have the page fields too (the worst case: the filter removes real matches)
                    d.add(new TextField(IndexFields.BODY, text(rng, words, cum, 5 + rng.nextInt(isSite[i] ? 200
                            : 60)), Field.Store.NO));
                    d.add(new TextField(IndexFields.TITLE, text(rng, words, cum, 2 + rng.nextInt(5)),
                            Field.Store.NO));
                    d.add(new TextField(IndexFields.OUTLINKS, text(rng, words, cum, rng.nextInt(30)),
                            Field.Store.NO));
                    w.addDocument(d);
                    if (i == 7_000 || i == 8_500) {
                        w.flush(); // smaller segments
                    }
                }
                for (int i = 0; i < n; i += 23) {
                    w.deleteDocuments(new Term("id", Integer.toString(i)));
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                assertTrue(r.leaves().size() >= 4, "segments " + r.leaves().size());
                assertTrue(r.leaves().stream().anyMatch(l -> l.reader().maxDoc() > 4096));
                IndexSearcher s = new IndexSearcher(r);
                // tie key: only pages have one (as PageTable's docToNode); a fixed permutation of the pages
                int[] key = IntStream.range(0, n).map(d -> isSite[d] ? -1 : (int) ((d * 7919L) % n)).toArray();
                List<QuerySpec> specs = new ArrayList<>();
                for (int q = 0; q < 12; q++) {
                    List<String> terms = new ArrayList<>();
                    int len = 1 + rng.nextInt(30); // up to 30 terms: the top-terms generator
                    for (int t = 0; t < len; t++) {
                        terms.add(words[draw(rng, cum)]);
                    }
                    specs.add(QuerySpec.typed(QuerySpec.anyTerm(IndexFields.BODY, terms), PAGE));
                    specs.add(QuerySpec.typed(QuerySpec.anyTerm(q % 2 == 0 ? IndexFields.OUTLINKS : IndexFields.TITLE,
                            terms), PAGE));
                }
                specs.add(QuerySpec.typed(new QuerySpec.Bool(List.of(), List.of(new QuerySpec.Phrase(IndexFields.BODY,
                        words[0] + " " + words[1]), new QuerySpec.Phrase(IndexFields.BODY, words[2] + " " + words[0])),
                        List.of()), PAGE));
                specs.add(QuerySpec.typed(new QuerySpec.Match(IndexFields.BODY, words[3] + " " + words[40]), PAGE));
                specs.add(new QuerySpec.Bool(List.of(new QuerySpec.ZeroScore(QuerySpec.typed(new QuerySpec.Term(
                        IndexFields.TITLE, words[5]), PAGE))), List.of(QuerySpec.typed(QuerySpec.anyTerm(
                        IndexFields.BODY, List.of(words[7], words[90], words[300])), PAGE)), List.of()));
                int[] pages = IntStream.range(0, n).filter(d -> !isSite[d] && d % 3 == 1).toArray();
                int differs = 0;
                for (QuerySpec spec : specs) {
                    Query filtered = spec.toLucene(analyzer);
                    QuerySpec bare = QuerySpec.withoutType(spec, PAGE);
                    assertNotEquals(spec, bare);
                    Query unfiltered = bare.toLucene(analyzer);
                    boolean allowZero = spec instanceof QuerySpec.Bool b && !b.should().isEmpty()
                            && b.must().size() == 1 && b.must().get(0) instanceof QuerySpec.ZeroScore;
                    for (int k : new int[] {10, 300, 3000}) {
                        List<TopK.Hit> expected = TopK.top(s, filtered, k, d -> key[d], allowZero);
                        assertTrue(expected.size() >= Math.min(k, 10), spec + " k=" + k + ": " + expected.size());
                        // hit for hit: document, score (bit for bit) and tie key
                        assertEquals(expected, TopK.top(s, unfiltered, k, d -> key[d], allowZero), spec + " k=" + k);
                        // the filter does remove site documents here: counting them changes the top k
                        if (!TopK.top(s, unfiltered, k, d -> key[d] < 0 ? n + d : key[d], allowZero)
                                .equals(expected)) {
                            differs++;
                        }
                    }
                    float[] scores = TopK.scores(s, filtered, pages);
                    assertTrue(IntStream.range(0, pages.length).anyMatch(i -> scores[i] > 0), spec.toString());
                    assertArrayEquals(scores, TopK.scores(s, unfiltered, pages), 0f, spec.toString());
                }
                assertTrue(differs > specs.size(), "site documents compete in " + differs + " top k");
            }
        }
    }

    private static String text(Random rng, String[] words, double[] cum, int len) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < len; k++) {
            sb.append(words[draw(rng, cum)]).append(' ');
        }
        return sb.toString();
    }

    private static int draw(Random rng, double[] cum) {
        double x = rng.nextDouble() * cum[cum.length - 1];
        int i = java.util.Arrays.binarySearch(cum, x);
        return i >= 0 ? i : Math.min(cum.length - 1, -i - 1);
    }
}
