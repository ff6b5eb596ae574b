package io.linkscout.index;

import io.linkscout.graph.LinkGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;

/**
 * What an index holds, in a comparable form: every live document's stored fields and graph-score doc values keyed by
 * type and id, both graphs edge by edge, and the commit's figures (without the build time and file names).
 */
final class IndexSnapshot {

    private IndexSnapshot() {
    }

    /** type:id -> stored fields ("name=value", in document order) and the two doc values. */
    static Map<String, List<String>> documents(IndexLayout layout) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            StoredFields sf = idx.reader().storedFields();
            Bits live = MultiBits.getLiveDocs(idx.reader());
            for (int doc = 0; doc < idx.reader().maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Document d = sf.document(doc);
                List<String> v = new ArrayList<>();
                for (IndexableField f : d.getFields()) {
                    String value = f.binaryValue() != null
                            ? Base64.getEncoder().encodeToString(f.binaryValue().bytes)
                            : f.numericValue() != null ? f.numericValue().toString() : f.stringValue();
                    v.add(f.name() + "=" + value);
                }
                for (String dv : List.of(IndexFields.AUTHORITY_VALUE, IndexFields.PAGERANK, IndexFields.PAGE_SPAM)) {
                    v.add("dv:" + dv + "=" + idx.pageDouble(doc, dv));
                }
                for (String dv : List.of(IndexFields.PAGE_IN_LINKS, IndexFields.PAGE_REF_DOMAINS)) {
                    v.add("dv:" + dv + "=" + idx.pageLong(doc, dv));
                }
                v.add("dv:" + IndexFields.PAGE_SPAM_FLAGS + "=" + idx.pageString(doc, IndexFields.PAGE_SPAM_FLAGS));
                String key = d.get(IndexFields.TYPE) + ":" + d.get(IndexFields.ID);
                if (out.put(key, v) != null) {
                    throw new AssertionError("two live documents " + key);
                }
            }
        }
        return out;
    }

    /** Both graphs, every node with its edges (target, weight, flags), and the commit figures. */
    static List<String> graphsAndCommit(IndexLayout layout) throws IOException {
        List<String> out = new ArrayList<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (LinkGraph g : List.of(idx.pageGraph(), idx.domainGraph())) {
                for (int n = 0; n < g.nodeCount(); n++) {
                    StringBuilder sb = new StringBuilder(g.name(n)).append(" ->");
                    for (int e = g.edgeStart(n); e < g.edgeEnd(n); e++) {
                        sb.append(' ').append(g.name(g.target(e))).append('/').append(g.weight(e)).append('/')
                                .append(g.flags(e));
                    }
                    out.add(sb.toString());
                }
            }
            for (Map.Entry<String, String> e : new TreeMap<>(idx.commitData()).entrySet()) {
                if (!e.getKey().equals(IndexFields.COMMIT_BUILT_AT) && !e.getKey().equals(IndexLayout.PAGE_GRAPH)
                        && !e.getKey().equals(IndexLayout.DOMAIN_GRAPH)) {
                    out.add(e.getKey() + "=" + e.getValue());
                }
            }
            out.add("pages=" + idx.count(IndexFields.TYPE_PAGE) + " sites=" + idx.count(IndexFields.TYPE_SITE)
                    + " maxDoc=" + idx.reader().maxDoc() + " deleted=" + idx.reader().numDeletedDocs());
        }
        return out;
    }

    /** The top pages (id and BM25 score) of a few one-word queries on the text fields the ranking searches. */
    static List<String> ranked(IndexLayout layout, List<String> words) throws IOException {
        List<String> out = new ArrayList<>();
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            for (String field : List.of(IndexFields.BODY, IndexFields.TITLE, IndexFields.ANCHORS_IN,
                    IndexFields.OUTLINKS)) {
                for (String w : words) {
                    BooleanQuery q = new BooleanQuery.Builder()
                            .add(new TermQuery(new org.apache.lucene.index.Term(field, w)), BooleanClause.Occur.MUST)
                            .add(new TermQuery(new org.apache.lucene.index.Term(IndexFields.TYPE,
                                    IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                            .build();
                    // every hit, ordered by score then id (doc ids differ between the two indexes)
                    List<Map.Entry<String, Float>> hits = new ArrayList<>();
                    for (ScoreDoc h : idx.searcher().search(q, 100_000).scoreDocs) {
                        hits.add(Map.entry(idx.reader().storedFields().document(h.doc).get(IndexFields.ID), h.score));
                    }
                    hits.sort(Map.Entry.<String, Float>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()));
                    out.add(field + ":" + w + " -> " + hits);
                }
            }
        }
        return out;
    }
}
