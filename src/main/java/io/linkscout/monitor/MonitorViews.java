package io.linkscout.monitor;

import io.linkscout.outreach.ProspectStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the monitor answers (REST and CLI alike). */
public final class MonitorViews {

    private MonitorViews() {
    }

    @Schema(name = "LinkCheck", description = "One re-check of a won link")
    public record CheckView(long id, long prospectId, String domain, Instant checkedAt, String pageUrl, String target,
            @Schema(description = "ok, http, robots, dns, timeout, connection refused, tls, too large, non-html, ...")
            String outcome,
            @Schema(description = "The page answered 2xx with HTML") boolean live,
            boolean linkPresent,
            @Schema(description = "follow, or the tokens that withhold endorsement: nofollow, ugc, sponsored")
            String rel, String anchor, Integer httpStatus,
            @Schema(description = "Where the page's URL redirected to (null: no redirect)") String redirectUrl,
            @Schema(description = "meta robots/googlebot or X-Robots-Tag says noindex") boolean noindex,
            String noindexSource,
            @Schema(description = "LINK_LOST, LINK_NOFOLLOW, PAGE_GONE, or null") LinkFlag flag,
            @Schema(description = "What was seen: the link element, the status, the missing target") String evidence) {

        static CheckView of(LinkCheck c, String domain) {
            return new CheckView(c.id, c.prospectId, domain, c.checkedAt, c.pageUrl, c.target, c.outcome, c.live,
                    c.linkPresent, c.rel, c.anchor, c.httpStatus, c.redirectUrl, c.noindex, c.noindexSource, c.flag,
                    c.evidence);
        }
    }

    @Schema(name = "MonitorRun", description = "One monitor run")
    public record RunReport(Instant startedAt, Long campaignId,
            @Schema(description = "Won links due (not checked within the minimum age)") int due,
            int checked,
            @Schema(description = "Due links left for the next run (the page limit or an interruption)") int remaining,
            boolean interrupted, Map<LinkFlag, Integer> flagged, List<CheckView> checks) {
    }

    @Schema(name = "WonLink", description = "A won link of a campaign with its latest check")
    public record WonLinkView(long prospectId, String domain, ProspectStatus status, String wonUrl, String wonTarget,
            long checks, CheckView latest) {
    }
}
