package io.linkscout.jobs.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.outreach.CampaignService;
import io.linkscout.outreach.Candidate;
import io.linkscout.outreach.IntakeResult;
import io.linkscout.outreach.ProspectService;
import io.linkscout.outreach.SiteContacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a job's results to a campaign's shortlist (issue 6 to issue 4): every result's {@link ProspectCandidate}
 * becomes an outreach {@link Candidate} ({@link #toCandidate}, the one mapping) and goes through
 * {@link ProspectService#add} with the job's name as the source, so the campaign's rules apply as for any other
 * intake (own site, exclusions, already in the campaign, repeated domain, contacted recently). Used by the jobs'
 * REST endpoints ({@code campaignId}, {@code sendTop}) and commands ({@code --campaign}, {@code --send-top}).
 */
@ApplicationScoped
public class CampaignSend {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    CampaignService campaigns;

    @Inject
    ProspectService prospects;

    /**
     * Checks, before a job runs, that its results can be sent: {@code sendTop} in range (400), a database configured
     * (503 saying what to set) and the campaign existing (404). Does nothing when {@code campaignId} is null, except
     * refusing a {@code sendTop} without a campaign.
     *
     * @param campaignField how the caller names the campaign (campaignId or --campaign), for messages
     * @param sendTopField  how the caller names the limit (sendTop or --send-top), for messages
     */
    public void check(Long campaignId, Integer sendTop, String campaignField, String sendTopField) {
        if (campaignId == null) {
            if (sendTop != null) {
                throw new UserException(sendTopField + " needs " + campaignField + ": give the campaign to send the"
                        + " results to");
            }
            return;
        }
        if (sendTop != null && (sendTop < 1 || sendTop > ProspectService.MAX_LIMIT)) {
            throw new UserException(sendTopField + " must be between 1 and " + ProspectService.MAX_LIMIT + ", got "
                    + sendTop);
        }
        campaigns.get(campaignId); // 503 without a database, 404 naming the campaign
    }

    /**
     * Adds the first {@code sendTop} candidates (all when null) to the campaign, in order, with source = the job's
     * name. Every sent candidate is either added or skipped with its reason; a job that found nothing adds nothing.
     *
     * @param job       the job's name (the prospects' source)
     * @param contacts  where the added sites' contacts are looked up: {@link SiteContacts#through} the backend the
     *                  job ran on (the embedded index or the OpenSearch alias)
     * @param changedBy who sent them (the status history)
     */
    public IntakeResult send(long campaignId, String job, List<ProspectCandidate> results, Integer sendTop,
            ProspectService.ContactLookup contacts, String changedBy) {
        List<ProspectCandidate> sent = sendTop == null || sendTop >= results.size() ? results
                : results.subList(0, sendTop);
        if (sent.isEmpty()) {
            campaigns.get(campaignId);
            return new IntakeResult(campaignId, List.of(), List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Candidate> cs = new ArrayList<>(sent.size());
        for (ProspectCandidate p : sent) {
            cs.add(toCandidate(p, now));
        }
        // every sent result counts, so the limit is the list itself (at most what one intake takes)
        int limit = Math.min(cs.size(), ProspectService.MAX_LIMIT);
        return prospects.add(campaignId, cs, limit, job, changedBy, contacts);
    }

    /**
     * A job result as a campaign prospect: the domain; the result's page as the evidence page when it is on that
     * domain (topics-that-earn's page is the one the site linked to, on another domain: it stays in the
     * explanation); the score; the authority, the page title and the contact page when the evidence has them; the
     * explanation line as the top reasons; and as the explanation JSON the job, the line, the page, the score, when
     * it was sent and the evidence map.
     */
    public static Candidate toCandidate(ProspectCandidate p, Instant at) {
        String domain = p.domain() == null || p.domain().isBlank() ? p.url() : p.domain();
        String page = p.url() == null || p.url().isBlank() ? null : p.url();
        String pageDomain = page == null ? null : Jobs.domainOf(page);
        String pageUrl = page != null && pageDomain != null && pageDomain.equals(Jobs.domainOf(domain)) ? page : null;
        Map<String, Object> ev = p.evidence() == null ? Map.of() : p.evidence();
        Double authority = number(ev.get("authority"));
        if (authority == null) {
            authority = number(ev.get("siteAuthority"));
        }
        Object title = ev.get("pageTitle");
        Object contact = ev.get("contactUrl");
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("job", p.job());
        ex.put("explanation", p.explanation());
        ex.put("url", page);
        ex.put("score", Double.isFinite(p.score()) ? p.score() : null);
        ex.put("sentAt", at.toString());
        ex.put("evidence", ev);
        String json;
        try {
            json = JSON.writeValueAsString(ex);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of " + p.domain() + " as JSON", e);
        }
        return new Candidate(domain, pageUrl, title instanceof String s && !s.isBlank() ? s : null,
                Double.isFinite(p.score()) ? p.score() : null, authority, p.explanation(), json, List.of(),
                contact instanceof String c && !c.isBlank() ? c : null);
    }

    private static Double number(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
}
