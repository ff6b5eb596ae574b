package io.linkscout.quality;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Everything LinkScout knows about a site's standing, read back from its site document: the single lookup the
 * ranking, the REST API and the jobs use.
 *
 * @param authority      0–100 authority used by the ranking (graph authority mixed with the prior, if any)
 * @param graphAuthority 0–100 authority from the ingested link graph alone (spam-demoted PageRank, log-scaled)
 * @param pageRank       raw PageRank on the domain graph (after demotion)
 * @param trust          0–100 TrustRank; 0 when no trusted seed reaches the site
 * @param trustRank      raw TrustRank
 * @param spamMass       relative spam mass (p − p+)/p in [-1, 1]
 * @param harmonic       harmonic centrality on the domain graph
 * @param spamScore      0–100 combination of the flags: 100·(1 − Π(1 − w·s))
 * @param refDomains     number of registrable domains linking to the site
 * @param prior          the external prior (0–100) if the authority lists have one
 * @param priorWeight    the weight it was mixed in with
 */
public record SiteQuality(String domain, double authority, double graphAuthority, double pageRank, double trust,
        double trustRank, double spamMass, double harmonic, double spamScore, List<SpamFlag> flags,
        Map<String, Double> topicalAuthority, int refDomains, List<String> topReferrers, Double prior,
        double priorWeight) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON kept in {@link IndexFields#AUTHORITY_PRIOR}. */
    public record Prior(Double prior, double weight) {
    }

    /** The site document of a registrable domain, if the index has one. */
    public static Optional<SiteQuality> lookup(LinkScoutIndex idx, String domain) {
        try {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.ID, domain)), BooleanClause.Occur.FILTER).build();
            ScoreDoc[] hits = idx.searcher().search(q, 1).scoreDocs;
            if (hits.length == 0) {
                return Optional.empty();
            }
            return Optional.of(of(idx.reader().storedFields().document(hits[0].doc)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the fields of a stored site document (missing fields read as 0 / empty). */
    public static SiteQuality of(Document d) {
        try {
            Prior prior = d.get(IndexFields.AUTHORITY_PRIOR) == null ? new Prior(null, 0)
                    : JSON.readValue(d.get(IndexFields.AUTHORITY_PRIOR), Prior.class);
            return new SiteQuality(d.get(IndexFields.ID), num(d, IndexFields.AUTHORITY_VALUE),
                    num(d, IndexFields.GRAPH_AUTHORITY), num(d, IndexFields.PAGERANK), num(d, IndexFields.TRUST),
                    num(d, IndexFields.TRUSTRANK), num(d, IndexFields.SPAM_MASS), num(d, IndexFields.HARMONIC),
                    num(d, IndexFields.SPAM_SCORE), flags(d.get(IndexFields.SPAM_FLAGS)),
                    d.get(IndexFields.TOPICAL_AUTHORITY) == null ? Map.of()
                            : JSON.readValue(d.get(IndexFields.TOPICAL_AUTHORITY),
                                    new TypeReference<java.util.LinkedHashMap<String, Double>>() { }),
                    (int) num(d, IndexFields.REF_DOMAINS),
                    d.get(IndexFields.REF_DOMAINS_TOP) == null ? List.of()
                            : JSON.readValue(d.get(IndexFields.REF_DOMAINS_TOP), new TypeReference<List<String>>() { }),
                    prior.prior(), prior.weight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spam flags from their stored JSON (empty for null). */
    public static List<SpamFlag> flags(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<SpamFlag>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String flagsJson(List<SpamFlag> flags) {
        try {
            return JSON.writeValueAsString(flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(Document d, String field) {
        IndexableField f = d.getField(field);
        return f == null || f.numericValue() == null ? 0 : f.numericValue().doubleValue();
    }
}
