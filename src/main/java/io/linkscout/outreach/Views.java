package io.linkscout.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API and the CLI show of campaigns, prospects, history entries and exclusions. */
public final class Views {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Views() {
    }

    @Schema(name = "Campaign")
    public record CampaignView(long id, String name, String contentTitle, String contentText, String contentUrl,
            String targetDomain, Instant createdAt, Instant updatedAt, long version,
            @Schema(description = "Prospects per status") Map<String, Long> prospects) {

        public static CampaignView of(Campaign c, Map<String, Long> counts) {
            return new CampaignView(c.id, c.name, c.contentTitle, c.contentText, c.contentUrl, c.targetDomain,
                    c.createdAt, c.updatedAt, c.version, counts);
        }
    }

    @Schema(name = "Prospect")
    public record ProspectView(long id, long campaignId, String domain, String pageUrl, String pageTitle,
            Double score, Double authority,
            @Schema(description = "Top reasons, as saved when the prospect was added") String reasons,
            @Schema(description = "The full explanation saved when the prospect was added (contributions, matched"
                    + " topics, evidence, flags, model)") JsonNode explanation,
            String source, List<String> contactEmails, String contactUrl, ProspectStatus status,
            @Schema(description = "Allowed next statuses") List<ProspectStatus> nextStatuses, String notes,
            String wonUrl, Instant contactedAt, Instant createdAt, Instant updatedAt,
            @Schema(description = "Send it back (body field version or If-Match) when changing the prospect")
            long version,
            @Schema(description = "Marked as a toxic domain in this campaign (the disavow export lists it)")
            boolean toxic,
            @Schema(description = "With a won link: where it must point, a URL or a domain (any page of it)")
            String wonTarget) {

        public static ProspectView of(Prospect p) {
            JsonNode ex = null;
            if (p.explanationJson != null) {
                try {
                    ex = JSON.readTree(p.explanationJson);
                } catch (Exception e) {
                    ex = JSON.getNodeFactory().textNode(p.explanationJson);
                }
            }
            return new ProspectView(p.id, p.campaign.id, p.domain, p.pageUrl, p.pageTitle, p.score, p.authority,
                    p.reasons, ex, p.source, p.emails(), p.contactUrl, p.status,
                    p.status.next().stream().sorted().toList(), p.notes, p.wonUrl, p.contactedAt, p.createdAt,
                    p.updatedAt, p.version, p.toxic, p.wonTarget);
        }
    }

    @Schema(name = "StatusChange")
    public record StatusChangeView(ProspectStatus from, ProspectStatus to, String changedBy, Instant changedAt) {
        public static StatusChangeView of(StatusChange s) {
            return new StatusChangeView(s.fromStatus, s.toStatus, s.changedBy, s.changedAt);
        }
    }

    @Schema(name = "Exclusion")
    public record ExclusionView(long id, Long campaignId, String domain, Exclusion.Reason reason, String note,
            Instant createdAt) {
        public static ExclusionView of(Exclusion e) {
            return new ExclusionView(e.id, e.campaign == null ? null : e.campaign.id, e.domain, e.reason, e.note,
                    e.createdAt);
        }
    }

    @Schema(name = "ProspectPage", description = "One page of a filtered, sorted prospect list")
    public record ProspectPage(long total, int page, int size, String sort, List<ProspectView> items) {
    }
}
