package io.linkscout.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The first stage's top k (block-max WAND) equals a full sort of every document's score with ties by the key, and
 * candidate-only scoring and matching equal the full search's — on an index of several segments where many documents tie.
 */
class TopKTest {

    @Test
    void topKEqualsAFullSortWithTiesByKey() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer()).setMaxBufferedDocs(97);
            String[] words = {"alpha", "beta", "gamma", "delta", "epsilon"};
            Random rng = new Random(42);
            int n = 3000;
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (int i = 0; i < n; i++) {
                    // few distinct texts: many documents score exactly the same
                    StringBuilder sb = new StringBuilder();
                    int len = 1 + rng.nextInt(4);
                    for (int k = 0; k < len; k++) {
                        sb.append(words[rng.nextInt(words.length)]).append(' ');
                    }
                    Document d = new Document();
                    d.add(new TextField("body", sb.toString(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(r);
                // a key unrelated to doc order (as URL order is), and some documents without a key
                int[] key = new int[n];
                for (int i = 0; i < n; i++) {
                    key[i] = i % 11 == 0 ? -1 : (i * 7919) % n;
                }
                Query q = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("body", "alpha")), BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term("body", "gamma")), BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term("body", "epsilon")), BooleanClause.Occur.SHOULD).build();
                ScoreDoc[] all = s.search(q, n).scoreDocs;
                List<TopK.Hit> full = new ArrayList<>();
                for (ScoreDoc sd : all) {
                    if (key[sd.doc] >= 0 && sd.score > 0) {
                        full.add(new TopK.Hit(sd.doc, sd.score, key[sd.doc]));
                    }
                }
                full.sort(TopK.BEST_FIRST);
                for (int k : new int[] {1, 10, 300, 5000}) {
                    List<TopK.Hit> top = TopK.top(s, q, k, d -> key[d], false);
                    assertEquals(full.subList(0, Math.min(k, full.size())).stream().map(TopK.Hit::doc).toList(),
                            top.stream().map(TopK.Hit::doc).toList(), "k=" + k);
                }
                // candidate-only scoring: the same scores as the full search, 0 where the query does not match
                int[] docs = {0, 5, 96, 97, 98, 1500, 2999};
                float[] expected = new float[docs.length];
                for (ScoreDoc sd : all) {
                    for (int i = 0; i < docs.length; i++) {
                        if (docs[i] == sd.doc) {
                            expected[i] = sd.score;
                        }
                    }
                }
                assertArrayEquals(expected, TopK.scores(s, q, docs), 0f);
                // candidate-only matching (a phrase: two-phase): exactly the candidates the full search returns
                Query phrase = new org.apache.lucene.search.PhraseQuery("body", "alpha", "beta");
                java.util.Set<Integer> matched = new java.util.HashSet<>();
                for (ScoreDoc sd : s.search(phrase, n).scoreDocs) {
                    matched.add(sd.doc);
                }
                int[] every = java.util.stream.IntStream.range(0, n).filter(d -> d % 3 == 0).toArray();
                boolean[] got = TopK.matching(s.createWeight(s.rewrite(phrase),
                        org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1), r.leaves(), every);
                int hits = 0;
                for (int i = 0; i < every.length; i++) {
                    assertEquals(matched.contains(every[i]), got[i], "doc " + every[i]);
                    hits += got[i] ? 1 : 0;
                }
                org.junit.jupiter.api.Assertions.assertTrue(hits > 0 && hits < every.length, "hits " + hits);
            }
        }
    }
}
