package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * The text signals from a {@link SearchBackend} (an OpenSearch cluster): every score, count and stored text comes
 * from the backend; its page ids (URLs) are mapped to the page graph's nodes and the embedded index's doc ids
 * through the {@link PageTable}, which therefore has to be of the same ingest. Mentions are counted from the term
 * positions the backend gives, with the semantics of Lucene's phrase {@code Matches} (see {@link #mentions}).
 */
final class BackendSignals implements TextSignals {

    private final SearchBackend backend;
    private final PageTable table;
    private final Analyzer analyzer;

    BackendSignals(SearchBackend backend, PageTable table, Analyzer analyzer) {
        this.backend = backend;
        this.table = table;
        this.analyzer = analyzer;
    }

    private static UncheckedIOException io(IOException e) {
        return new UncheckedIOException(e);
    }

    @Override
    public List<TopK.Hit> top(QuerySpec query, int k, boolean allowZero) {
        if (query == null || k <= 0) {
            return List.of();
        }
        try {
            // pages outside the page graph are not counted: ask deeper until k are left or the hits run out
            for (int n = k; ; n *= 2) {
                List<SearchBackend.Hit> hits = backend.search(query, n, allowZero);
                List<TopK.Hit> out = new ArrayList<>();
                for (SearchBackend.Hit h : hits) {
                    int node = table.graph.node(h.id());
                    if (node >= 0 && table.nodeToDoc[node] >= 0 && out.size() < k) {
                        out.add(new TopK.Hit(table.nodeToDoc[node], h.score(), node));
                    }
                }
                if (out.size() >= k || hits.size() < n) {
                    out.sort(TopK.BEST_FIRST);
                    return out;
                }
            }
        } catch (IOException e) {
            throw io(e);
        }
    }

    private String id(int doc) {
        return table.graph.name(table.docToNode[doc]);
    }

    @Override
    public float[] scores(QuerySpec query, int[] docs) {
        float[] out = new float[docs.length];
        if (query == null || docs.length == 0) {
            return out;
        }
        List<String> ids = Arrays.stream(docs).mapToObj(this::id).toList();
        try {
            Map<String, Float> s = backend.scores(query, IndexFields.TYPE_PAGE, ids);
            for (int i = 0; i < docs.length; i++) {
                out[i] = s.getOrDefault(ids.get(i), 0f);
            }
        } catch (IOException e) {
            throw io(e);
        }
        return out;
    }

    @Override
    public long count(QuerySpec query) {
        try {
            return query == null ? 0 : backend.count(query);
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** A phrase as Lucene's query parser makes it: its terms and their positions (relative to the first). */
    record Phrase(List<String> terms, List<Integer> positions) {

        /** {@code text} analysed as a body phrase; null when it has no term. */
        static Phrase of(QueryBuilder qb, String text) {
            Query q = qb.createPhraseQuery(IndexFields.BODY, text);
            if (q instanceof TermQuery t) {
                return new Phrase(List.of(t.getTerm().text()), List.of(0));
            }
            if (q instanceof PhraseQuery p) {
                Term[] ts = p.getTerms();
                int[] ps = p.getPositions();
                List<String> terms = new ArrayList<>();
                List<Integer> pos = new ArrayList<>();
                for (int i = 0; i < ts.length; i++) {
                    terms.add(ts[i].text());
                    pos.add(ps[i] - ps[0]);
                }
                return new Phrase(List.copyOf(terms), List.copyOf(pos));
            }
            if (q == null) {
                return null;
            }
            throw new IllegalStateException("unexpected phrase query " + q.getClass().getSimpleName() + " for '"
                    + text + "'");
        }

        /** Start positions of the exact matches in a document's term positions (overlapping matches included). */
        int[] starts(Map<String, int[]> positions) {
            int[] lead = positions.get(terms.get(0));
            if (lead == null) {
                return new int[0];
            }
            int[] out = new int[lead.length];
            int n = 0;
            for (int x : lead) {
                boolean all = true;
                for (int i = 1; i < terms.size() && all; i++) {
                    int[] p = positions.get(terms.get(i));
                    all = p != null && Arrays.binarySearch(p, x + positions().get(i)) >= 0;
                }
                if (all) {
                    out[n++] = x;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    /**
     * From the backend's term positions. Lucene's {@code Matches} semantics: a phrase matches at every start
     * position where each term sits at its offset (a one-term phrase is a term: every position); the disjunction
     * of the title variants is deduplicated as {@code BooleanQuery} rewriting does (equal phrases once) and then
     * counts every match of every phrase; the longer titles are deduplicated as distinct queries (equal terms at
     * equal positions, before the shift to the first term), each counted.
     */
    @Override
    public int[][] mentions(List<String> phrases, List<String> longer, int[] docs) {
        QueryBuilder qb = new QueryBuilder(analyzer);
        Set<Phrase> variants = new LinkedHashSet<>();
        for (String p : phrases) {
            Phrase ph = Phrase.of(qb, p);
            if (ph != null) {
                variants.add(ph);
            }
        }
        Set<Object> seen = new LinkedHashSet<>();
        List<Phrase> longerPhrases = new ArrayList<>();
        for (String l : longer) {
            Query lq = qb.createPhraseQuery(IndexFields.BODY, l);
            if (lq != null && seen.add(lq)) {
                longerPhrases.add(Phrase.of(qb, l));
            }
        }
        Set<String> terms = new LinkedHashSet<>();
        for (Phrase p : variants) {
            terms.addAll(p.terms());
        }
        for (Phrase p : longerPhrases) {
            terms.addAll(p.terms());
        }
        List<String> ids = Arrays.stream(docs).mapToObj(this::id).toList();
        Map<String, Map<String, int[]>> positions;
        try {
            positions = docs.length == 0 ? Map.of() : backend.positions(IndexFields.TYPE_PAGE, ids, IndexFields.BODY,
                    terms);
        } catch (IOException e) {
            throw io(e);
        }
        int[][] out = new int[docs.length][];
        for (int j = 0; j < docs.length; j++) {
            Map<String, int[]> pos = positions.getOrDefault(ids.get(j), Map.of());
            int count = 0;
            int first = Integer.MAX_VALUE;
            for (Phrase p : variants) {
                int[] st = p.starts(pos);
                count += st.length;
                for (int x : st) {
                    first = Math.min(first, x);
                }
            }
            int covered = 0;
            if (count > 0) {
                for (Phrase p : longerPhrases) {
                    covered += p.starts(pos).length;
                }
            }
            out[j] = new int[] {count, count == 0 ? -1 : first, covered};
        }
        return out;
    }

    @Override
    public Stored stored(int doc) {
        try {
            Map<String, List<String>> f = backend.storedFields(IndexFields.TYPE_PAGE, id(doc)).orElse(Map.of());
            List<String> text = f.get(IndexFields.TEXT);
            List<String> topics = f.get(IndexFields.PAGE_TOPICS);
            return new Stored(text == null || text.isEmpty() ? "" : text.get(0),
                    topics == null ? List.of() : List.copyOf(topics));
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** Document frequencies of analysed body terms (for the content's tf-idf terms). */
    Map<String, Long> docFreqs(List<String> terms) {
        try {
            return backend.docFreqs(IndexFields.BODY, terms);
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** Documents of every type (the N of the content's tf-idf terms). */
    long numDocs() {
        try {
            return backend.numDocs();
        } catch (IOException e) {
            throw io(e);
        }
    }
}
