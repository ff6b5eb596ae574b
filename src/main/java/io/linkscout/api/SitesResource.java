package io.linkscout.api;

import io.linkscout.search.IndexService;
import io.linkscout.error.UserException;
import io.linkscout.quality.SiteQuality;
import io.linkscout.index.IndexFields;
import io.linkscout.site.SiteRepository;
import io.linkscout.quality.SpamFlag;
import io.linkscout.url.Domains;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites", description = "Authority, trust and spam of a site (registrable domain)")
public class SitesResource {

    @Inject
    IndexService index;

    /** Referring domains: how many, and the strongest ones (by PageRank, then name). */
    public record ReferringDomains(int count, List<String> top) {
    }

    /** The external prior and how it entered the authority. */
    public record ExternalPrior(Double value, double weight, String formula) {
    }

    /**
     * The response of {@code GET /api/sites/{domain}}. {@code toolMetrics}: the backlink tools' own figures for the
     * site ({@code ahrefs_dr}, {@code semrush_ascore}, {@code majestic_tf}/{@code majestic_cf}, ...) as their exports
     * gave them, beside LinkScout's {@code authority} and never mixed into it; {@code knownFrom}: e.g.
     * {@code known from Ahrefs export} for a site only backlink exports name (null otherwise).
     */
    public record SiteResponse(String domain, double authority, double graphAuthority, double pageRank, double trust,
            double trustRank, double spamMass, double harmonicCentrality, double spamScore, List<SpamFlag> spamFlags,
            Map<String, Double> topicalAuthority, ReferringDomains referringDomains, ExternalPrior externalPrior,
            Map<String, Double> toolMetrics, String knownFrom) {
    }

    @GET
    @Path("/{domain}")
    @Operation(summary = "A site's authority, trust and spam", description = "Authority (0-100, from the ingested "
            + "link graph, optionally mixed with an external prior), TrustRank, spam mass, harmonic centrality, spam "
            + "score with the flags that fired and their evidence, topical authority and referring domains. A host "
            + "or URL is reduced to its registrable domain. 404 when the index has no such site, 400 for something "
            + "that is not a domain.")
    @APIResponse(responseCode = "200", description = "The site",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a domain",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such site in the index (or no index)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorMapper.ErrorBody.class)))
    public SiteResponse site(@PathParam("domain") String domain) {
        String reg = Domains.requireDomain("domain", domain);
        org.apache.lucene.document.Document doc = index.withBackend((idx, b) -> SiteRepository.document(b, reg))
                .orElseThrow(() -> new UserException(
                        "no site " + reg + " in the index: ingest pages or a catalog row for it first", 404));
        return of(doc);
    }

    /** The answer for a stored site document (from whichever backend serves the index). */
    public static SiteResponse of(org.apache.lucene.document.Document doc) {
        SiteQuality q = SiteRepository.quality(doc);
        return new SiteResponse(q.domain(), q.authority(), q.graphAuthority(), q.pageRank(), q.trust(),
                q.trustRank(), q.spamMass(), q.harmonic(), q.spamScore(), q.flags(), q.topicalAuthority(),
                new ReferringDomains(q.refDomains(), q.topReferrers()),
                new ExternalPrior(q.prior(), q.priorWeight(), "authority = (1 - weight) * graphAuthority + weight * "
                        + "prior when the site has a prior, else graphAuthority"),
                SiteRepository.toolMetrics(doc), doc.get(IndexFields.KNOWN_FROM));
    }
}
