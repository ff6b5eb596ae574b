package io.linkscout.search;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * {@link SearchBackend} over the embedded Lucene index: {@link LinkScoutIndex}'s searcher (BM25 k1=0.9, b=0.4) and
 * analyzer, as the ranking uses them today. The query of {@link #topK} is Lucene's {@code QueryBuilder} boolean
 * query (any term, OR) — what OpenSearch's {@code match} query builds from the same analyzer chain.
 */
public final class LuceneSearchBackend implements SearchBackend {

    private final LinkScoutIndex index;
    private final boolean owned;

    /** @param owned whether {@link #close} closes the index */
    public LuceneSearchBackend(LinkScoutIndex index, boolean owned) {
        this.index = index;
        this.owned = owned;
    }

    @Override
    public String describe() {
        return "lucene " + index.layout().root();
    }

    @Override
    public List<Hit> topK(String type, String field, String text, int k, double authorityBoost)
            throws IOException {
        return search(topKQuery(type, field, text, authorityBoost), k, true);
    }

    /** The query of {@link #topK}, the same on both backends. */
    static QuerySpec topKQuery(String type, String field, String text, double authorityBoost) {
        QuerySpec typed = QuerySpec.typed(new QuerySpec.Match(field, text), type);
        return authorityBoost <= 0 ? typed
                : new QuerySpec.Bool(List.of(typed), List.of(new QuerySpec.Authority(authorityBoost)), List.of());
    }

    @Override
    public List<Hit> search(QuerySpec query, int k, boolean allowZero) throws IOException {
        Query q = query.toLucene(index.analyzer());
        if (q == null || k <= 0) {
            return List.of();
        }
        // enough hits to hold every document tied with the k-th score, so the id tie-break sees all of them
        int n = k;
        TopDocs top;
        while (true) {
            top = index.searcher().search(q, n);
            ScoreDoc[] sd = top.scoreDocs;
            // all hits, or the last one collected scores below the k-th: no document tied with the k-th is left out
            if (sd.length < n || sd[n - 1].score < sd[k - 1].score) {
                break;
            }
            n = n >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : n * 2;
        }
        StoredFields sf = index.reader().storedFields();
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc d : top.scoreDocs) {
            if (d.score > 0 || (allowZero && d.score == 0)) {
                hits.add(new Hit(sf.document(d.doc, Set.of(IndexFields.ID)).get(IndexFields.ID), d.score));
            }
        }
        hits.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::id));
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
    }

    @Override
    public Map<String, Float> scores(QuerySpec query, String type, Collection<String> ids) throws IOException {
        Query q = query.toLucene(index.analyzer());
        Map<String, Float> out = new LinkedHashMap<>();
        if (q == null || ids.isEmpty()) {
            return out;
        }
        List<BytesRef> uids = ids.stream().map(id -> new BytesRef(IndexFields.uid(type, id))).toList();
        Query one = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(IndexFields.UID, uids), BooleanClause.Occur.FILTER).build();
        StoredFields sf = index.reader().storedFields();
        for (ScoreDoc d : index.searcher().search(one, ids.size()).scoreDocs) {
            out.put(sf.document(d.doc, Set.of(IndexFields.ID)).get(IndexFields.ID), d.score);
        }
        return out;
    }

    @Override
    public long count(QuerySpec query) throws IOException {
        Query q = query.toLucene(index.analyzer());
        return q == null ? 0 : index.searcher().count(q);
    }

    @Override
    public Map<String, Map<String, int[]>> positions(String type, Collection<String> ids, String field,
            Collection<String> terms) throws IOException {
        Map<String, Map<String, int[]>> out = new LinkedHashMap<>();
        List<LeafReaderContext> leaves = index.reader().leaves();
        for (String id : ids) {
            TopDocs td = index.searcher().search(new TermQuery(new Term(IndexFields.UID, IndexFields.uid(type, id))),
                    1);
            if (td.scoreDocs.length == 0) {
                continue;
            }
            int doc = td.scoreDocs[0].doc;
            LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
            Terms ts = ctx.reader().terms(field);
            Map<String, int[]> byTerm = new LinkedHashMap<>();
            if (ts != null) {
                TermsEnum te = ts.iterator();
                for (String t : new LinkedHashSet<>(terms)) {
                    if (!te.seekExact(new BytesRef(t))) {
                        continue;
                    }
                    PostingsEnum pe = te.postings(null, PostingsEnum.POSITIONS);
                    if (pe.advance(doc - ctx.docBase) == doc - ctx.docBase) {
                        int[] pos = new int[pe.freq()];
                        for (int i = 0; i < pos.length; i++) {
                            pos[i] = pe.nextPosition();
                        }
                        byTerm.put(t, pos);
                    }
                }
            }
            out.put(id, byTerm);
        }
        return out;
    }

    @Override
    public Map<String, Long> docFreqs(String field, Collection<String> terms) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : terms) {
            out.put(t, (long) index.reader().docFreq(new Term(field, t)));
        }
        return out;
    }

    @Override
    public long numDocs() {
        return index.reader().numDocs();
    }

    @Override
    public Optional<Explanation> explain(String type, String field, String text, String id) throws IOException {
        Query q = topKQuery(type, field, text, 0).toLucene(index.analyzer());
        TopDocs doc = index.searcher().search(new TermQuery(new Term(IndexFields.UID, IndexFields.uid(type, id))), 1);
        if (q == null || doc.scoreDocs.length == 0) {
            return Optional.empty();
        }
        // the topK query, restricted to the document by a filter that does not score (as OpenSearchBackend asks)
        Query one = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.UID, IndexFields.uid(type, id))), BooleanClause.Occur.FILTER)
                .build();
        org.apache.lucene.search.Explanation e = index.searcher().explain(one, doc.scoreDocs[0].doc);
        return e.isMatch() ? Optional.of(convert(e)) : Optional.empty();
    }

    private static Explanation convert(org.apache.lucene.search.Explanation e) {
        List<Explanation> details = new ArrayList<>();
        for (org.apache.lucene.search.Explanation d : e.getDetails()) {
            details.add(convert(d));
        }
        return new Explanation(e.getValue().floatValue(), Explanation.normalize(e.getDescription()),
                List.copyOf(details));
    }

    @Override
    public Optional<Map<String, List<String>>> storedFields(String type, String id) throws IOException {
        TopDocs top = index.searcher().search(new TermQuery(new Term(IndexFields.UID, IndexFields.uid(type, id))), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        Document d = index.reader().storedFields().document(top.scoreDocs[0].doc);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (IndexableField f : d.getFields()) {
            out.computeIfAbsent(f.name(), x -> new ArrayList<>()).add(text(f));
        }
        return Optional.of(out);
    }

    @Override
    public List<Document> documents(String type, String field, String value, List<DocValue> docValues)
            throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, type)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER).build();
        StoredFields sf = index.reader().storedFields();
        List<Document> out = new ArrayList<>();
        for (ScoreDoc h : index.searcher().search(q, Math.max(1, index.reader().maxDoc())).scoreDocs) {
            Document d = sf.document(h.doc);
            for (DocValue v : docValues) {
                if (d.getField(v.field()) == null) {
                    long bits = index.pageLong(h.doc, v.field());
                    d.add(v.asDouble() ? new org.apache.lucene.document.StoredField(v.field(),
                            Double.longBitsToDouble(bits)) : new org.apache.lucene.document.StoredField(v.field(), bits));
                }
            }
            out.add(d);
        }
        out.sort(Comparator.comparing(d -> d.get(IndexFields.ID)));
        return out;
    }

    /** A stored value as text: number ({@code toString}), string, or binary (LinkScout's are JSON) as UTF-8. */
    static String text(IndexableField f) {
        return String.valueOf(OpenSearchSchema.value(f));
    }

    @Override
    public List<TermStats> termStatistics(String field, String text) throws IOException {
        List<TermStats> out = new ArrayList<>();
        for (String t : analyze(field, text)) {
            Term term = new Term(field, t);
            out.add(new TermStats(t, index.reader().docFreq(term), index.reader().totalTermFreq(term),
                    index.reader().getDocCount(field)));
        }
        return out;
    }

    /** The distinct terms of {@code text} as {@code field} indexes them, in order of first occurrence. */
    List<String> analyze(String field, String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = index.analyzer().tokenStream(field, text)) {
            CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(a.toString());
            }
            ts.end();
        }
        return List.copyOf(terms);
    }

    @Override
    public long count(String type) throws IOException {
        return index.count(type);
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            index.close();
        }
    }
}
