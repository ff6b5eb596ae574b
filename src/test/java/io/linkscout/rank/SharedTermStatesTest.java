package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.search.QuerySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The ranking's queries with their term look-ups shared within one request ({@link LuceneSignals#shared}) give
 * exactly the scores, top k and counts of the same queries each looking their terms up — on an index of several
 * segments with deleted documents, one map of term states reused across every query shape the ranking builds.
 */
class SharedTermStatesTest {

    @Test
    void sharedTermStatesGiveTheSameScoresTopKAndCounts() throws Exception {
        StandardAnalyzer analyzer = new StandardAnalyzer();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setMaxBufferedDocs(113)
                    .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
            String[] words = {"volcano", "magma", "plate", "rift", "ocean", "bread", "yeast", "island"};
            Random rng = new Random(7);
            int n = 2000;
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (int i = 0; i < n; i++) {
                    StringBuilder sb = new StringBuilder();
                    int len = 2 + rng.nextInt(12);
                    for (int k = 0; k < len; k++) {
                        sb.append(words[rng.nextInt(words.length)]).append(' ');
                    }
                    Document d = new Document();
                    d.add(new StringField("id", Integer.toString(i), Field.Store.NO));
                    d.add(new StringField("type", i % 9 == 0 ? "site" : "page", Field.Store.NO));
                    d.add(new TextField("body", sb.toString(), Field.Store.NO));
                    d.add(new TextField("title", words[i % words.length] + " " + words[(i / 3) % words.length],
                            Field.Store.NO));
                    w.addDocument(d);
                }
                // deleted documents still count in the term statistics, on both paths
                for (int i = 0; i < n; i += 17) {
                    w.deleteDocuments(new Term("id", Integer.toString(i)));
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                assertTrue(r.leaves().size() > 5, "segments " + r.leaves().size());
                IndexSearcher s = new IndexSearcher(r);
                // the shapes Recommender builds: typed disjunctions of terms (sharing terms and the type filter),
                // a phrase, a match, a boost and a zero-score clause
                List<QuerySpec> specs = List.of(
                        typed(QuerySpec.anyTerm("body", List.of("volcano", "magma", "plate"))),
                        typed(QuerySpec.anyTerm("body", List.of("magma", "rift", "ocean", "island"))),
                        typed(QuerySpec.anyTerm("title", List.of("volcano", "ocean"))),
                        typed(new QuerySpec.Phrase("body", "plate rift")),
                        typed(new QuerySpec.Match("body", "yeast bread")),
                        typed(new QuerySpec.Boost(QuerySpec.anyTerm("body", List.of("rift", "bread")), 2.5f)),
                        new QuerySpec.Bool(List.of(new QuerySpec.ZeroScore(new QuerySpec.Term("body", "island"))),
                                List.of(QuerySpec.anyTerm("body", List.of("volcano", "ocean"))), List.of()));
                int[] docs = IntStream.range(0, n).filter(d -> d % 5 == 1 || d % 7 == 0).toArray();
                int[] key = IntStream.range(0, n).map(d -> (d * 7919) % n).toArray();
                Map<Term, TermStates> states = new HashMap<>();
                for (QuerySpec spec : specs) {
                    Query q = spec.toLucene(analyzer);
                    Query shared = LuceneSignals.shared(q, s, states);
                    float[] expected = TopK.scores(s, q, docs);
                    assertArrayEquals(expected, TopK.scores(s, shared, docs), 0f, spec.toString());
                    assertTrue(IntStream.range(0, docs.length).anyMatch(i -> expected[i] > 0), spec.toString());
                    for (int k : new int[] {10, 300}) {
                        assertEquals(TopK.top(s, q, k, d -> key[d], true), TopK.top(s, shared, k, d -> key[d], true),
                                spec + " k=" + k);
                    }
                    assertEquals(s.count(q), s.count(shared), spec.toString());
                }
                // looked up once per request: the type filter and "magma" are the same states in two queries
                assertTrue(states.containsKey(new Term("type", "page")));
                TermStates magma = states.get(new Term("body", "magma"));
                BooleanQuery a = (BooleanQuery) LuceneSignals.shared(specs.get(0).toLucene(analyzer), s, states);
                BooleanQuery b = (BooleanQuery) LuceneSignals.shared(specs.get(1).toLucene(analyzer), s, states);
                assertSame(magma, termStates(a, "magma"));
                assertSame(magma, termStates(b, "magma"));
                // the statistics the scores read are the term's own
                assertEquals(r.docFreq(new Term("body", "magma")), magma.docFreq());
                assertEquals(r.totalTermFreq(new Term("body", "magma")), magma.totalTermFreq());
            }
        }
    }

    private static QuerySpec typed(QuerySpec q) {
        return QuerySpec.typed(q, "page");
    }

    /** The states of the term query for {@code text} anywhere in {@code q} (null when none). */
    private static TermStates termStates(Query q, String text) {
        if (q instanceof TermQuery t) {
            return t.getTerm().text().equals(text) ? t.getTermStates() : null;
        }
        if (q instanceof BooleanQuery bq) {
            for (BooleanClause c : bq.clauses()) {
                TermStates ts = termStates(c.query(), text);
                if (ts != null) {
                    return ts;
                }
            }
        }
        return null;
    }
}
