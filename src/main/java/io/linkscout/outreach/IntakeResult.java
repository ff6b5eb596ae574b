package io.linkscout.outreach;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What adding a list of candidates to a campaign did: the prospects added, and every candidate skipped and why. */
@Schema(name = "IntakeResult")
public record IntakeResult(long campaignId, List<Views.ProspectView> added, List<Skipped> skipped) {

    /** Why a candidate was not added. */
    public enum Reason {
        /** not a usable domain or URL */
        INVALID,
        /** the campaign's own target domain */
        OWN_SITE,
        /** on the campaign's or the global exclusion list */
        EXCLUDED,
        /** already a prospect of this campaign (counts toward the size limit) */
        ALREADY_IN_CAMPAIGN,
        /** the same domain earlier in this list */
        DUPLICATE,
        /** contacted in another campaign within linkscout.outreach.contacted-within-days */
        CONTACTED_RECENTLY,
        /** the size limit was reached */
        LIMIT_REACHED
    }

    @Schema(name = "SkippedCandidate")
    public record Skipped(String input, String domain, Reason reason, String detail) {
    }
}
