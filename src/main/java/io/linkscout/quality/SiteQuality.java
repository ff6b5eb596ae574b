package io.linkscout.quality;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Everything LinkScout knows about a site's standing, as stored on its site document (written at ingest, read back by
 * the site package's {@code SiteRepository} for the ranking, the REST API and the jobs).
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

    /** The JSON kept in the site document's {@code authority_prior} field. */
    public record Prior(Double prior, double weight) {
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
}
