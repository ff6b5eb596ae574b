package io.linkscout.jobs;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The one place the jobs read a site's authority and spam signals. Today: the site document's PageRank authority
 * ({@code authority_value}, 0–100) and referring domains; spam score and flags are not computed yet (0 / empty).
 * When the per-site authority/trust/spam lookup lands, only {@link #lookup} changes.
 */
public final class SiteSignals {

    /**
     * @param domain     registrable domain
     * @param authority  0–100
     * @param refDomains distinct referring registrable domains in the index
     * @param spamScore  0–100, higher is spammier (0 when unknown)
     * @param spamFlags  named spam signals (empty when unknown)
     * @param inIndex    whether the index has a site document for the domain
     */
    public record Signals(String domain, double authority, int refDomains, double spamScore, List<String> spamFlags,
            boolean inIndex) {
    }

    private final LinkScoutIndex index;
    private final Map<String, Signals> cache = new ConcurrentHashMap<>();

    public SiteSignals(LinkScoutIndex index) {
        this.index = index;
    }

    public Signals of(String domain) {
        return cache.computeIfAbsent(domain, this::lookup);
    }

    private Signals lookup(String domain) {
        try {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.ID, domain)), BooleanClause.Occur.FILTER).build();
            TopDocs td = index.searcher().search(q, 1);
            if (td.scoreDocs.length == 0) {
                return new Signals(domain, 0, 0, 0, List.of(), false);
            }
            Document d = index.searcher().storedFields().document(td.scoreDocs[0].doc,
                    Set.of(IndexFields.AUTHORITY_VALUE, IndexFields.REF_DOMAINS));
            Number a = d.getField(IndexFields.AUTHORITY_VALUE) == null ? null
                    : d.getField(IndexFields.AUTHORITY_VALUE).numericValue();
            Number r = d.getField(IndexFields.REF_DOMAINS) == null ? null
                    : d.getField(IndexFields.REF_DOMAINS).numericValue();
            return new Signals(domain, a == null ? 0 : Jobs.round(a.doubleValue()), r == null ? 0 : r.intValue(), 0,
                    List.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
