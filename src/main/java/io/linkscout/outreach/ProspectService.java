package io.linkscout.outreach;

import io.linkscout.error.UserException;
import io.linkscout.site.SiteRepository;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prospects: adding them from any source under the campaign's rules, listing, status changes with history, notes.
 * Every write is one transaction; a change based on a stale version is a 409.
 */
@ApplicationScoped
public class ProspectService {

    public static final int MAX_LIMIT = 1000;

    @Inject
    CampaignService campaigns;

    @Inject
    OutreachConfig config;

    @Inject
    OutreachDatabase db;

    /**
     * Adds candidates to a campaign, in order, one prospect per registrable domain, under the same rules as the
     * shortlist: never the campaign's own domain, never an excluded domain (campaign or global), never a domain
     * already in the campaign or repeated in the list, never one contacted in another campaign within
     * {@code linkscout.outreach.contacted-within-days}, and at most {@code limit} of the list in the campaign
     * (candidates already there count toward it). New prospects start as NEW with a history entry.
     *
     * @param limit     size limit (null: {@code linkscout.outreach.shortlist-size})
     * @param source    where the candidates come from (shortlist, manual, a job name)
     * @param changedBy who asked (goes into the status history)
     * @param contacts  looks up contacts for a domain when a candidate brings none (may be null)
     */
    @Transactional
    public IntakeResult add(long campaignId, List<Candidate> candidates, Integer limit, String source,
            String changedBy, ContactLookup contacts) {
        Campaign c = campaigns.find(campaignId);
        // serialises concurrent intakes into one campaign (the unique (campaign, domain) index is the backstop)
        Campaign.getEntityManager().lock(c, LockModeType.PESSIMISTIC_WRITE);
        int max = limit == null ? config.shortlistSize() : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw new UserException("size limit must be between 1 and " + MAX_LIMIT + " (got " + max + ")");
        }
        if (candidates == null || candidates.isEmpty()) {
            throw new UserException("no prospects given: send at least one domain or URL");
        }
        String by = who(changedBy, "api");
        String src = source == null || source.isBlank() ? "manual" : source.strip();
        // resolve domains first, so the rule queries run once for the whole list
        List<String> domains = new ArrayList<>();
        for (Candidate k : candidates) {
            domains.add(k == null ? null : resolve(k.domainOrUrl()));
        }
        Set<String> wanted = new HashSet<>();
        domains.stream().filter(d -> d != null).forEach(wanted::add);
        Map<String, Exclusion> excluded = new HashMap<>();
        Set<String> inCampaign = new HashSet<>();
        Map<String, String> recently = new HashMap<>();
        if (!wanted.isEmpty()) {
            List<Exclusion> ex = Exclusion.list("domain in ?1 and (campaign is null or campaign.id = ?2)"
                    + " order by campaign.id nulls first", wanted, c.id);
            for (Exclusion e : ex) {
                excluded.putIfAbsent(e.domain, e);
            }
            inCampaign.addAll(Prospect.getEntityManager().createQuery(
                    "select p.domain from Prospect p where p.campaign.id = :c and p.domain in :d", String.class)
                    .setParameter("c", c.id).setParameter("d", wanted).getResultList());
            int days = config.contactedWithinDays();
            if (days > 0) {
                Instant since = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).minus(Duration.ofDays(days));
                List<Object[]> rows = Prospect.getEntityManager().createQuery(
                        "select p.domain, p.campaign.id, p.campaign.name, p.contactedAt from Prospect p"
                                + " where p.domain in :d and p.campaign.id <> :c and p.contactedAt >= :since"
                                + " order by p.contactedAt desc", Object[].class)
                        .setParameter("d", wanted).setParameter("c", c.id).setParameter("since", since)
                        .getResultList();
                for (Object[] r : rows) {
                    recently.putIfAbsent((String) r[0], "contacted on " + r[3] + " in campaign " + r[1] + " (\""
                            + r[2] + "\"); linkscout.outreach.contacted-within-days=" + days);
                }
            }
        }
        List<Views.ProspectView> added = new ArrayList<>();
        List<IntakeResult.Skipped> skipped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int in = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate k = candidates.get(i);
            String input = k == null ? null : k.domainOrUrl();
            String d = domains.get(i);
            if (d == null) {
                skipped.add(new IntakeResult.Skipped(input, null, IntakeResult.Reason.INVALID,
                        "not a valid domain, host or URL (e.g. example.com or https://example.com/page)"));
                continue;
            }
            if (!seen.add(d)) {
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.DUPLICATE,
                        d + " appears earlier in this list"));
                continue;
            }
            if (d.equals(c.targetDomain)) {
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.OWN_SITE,
                        "the campaign's own target domain"));
                continue;
            }
            Exclusion e = excluded.get(d);
            if (e != null) {
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.EXCLUDED,
                        (e.campaign == null ? "global" : "campaign") + " exclusion list: " + e.reason
                                + (e.note == null ? "" : " (" + e.note + ")")));
                continue;
            }
            if (inCampaign.contains(d)) {
                in++;
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.ALREADY_IN_CAMPAIGN,
                        "already a prospect of campaign " + c.id));
                continue;
            }
            String r = recently.get(d);
            if (r != null) {
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.CONTACTED_RECENTLY, r));
                continue;
            }
            if (in >= max) {
                skipped.add(new IntakeResult.Skipped(input, d, IntakeResult.Reason.LIMIT_REACHED,
                        "size limit " + max + " reached"));
                continue;
            }
            added.add(Views.ProspectView.of(create(c, d, k, src, by, contacts)));
            in++;
        }
        OptimisticLocks.flush("campaign " + c.id);
        return new IntakeResult(c.id, added, skipped);
    }

    /** Looks up contacts of a registrable domain (in the index). */
    public interface ContactLookup {
        SiteRepository.Contacts find(String domain);
    }

    private static Prospect create(Campaign c, String domain, Candidate k, String source, String by,
            ContactLookup contacts) {
        Prospect p = new Prospect();
        p.campaign = c;
        p.domain = domain;
        String page = k.pageUrl();
        if ((page == null || page.isBlank()) && k.domainOrUrl().contains("/")) {
            page = k.domainOrUrl();
        }
        if (page != null && !page.isBlank()) {
            String n = UrlNormalizer.normalize(page.strip().contains("://") ? page.strip() : "https://" + page.strip());
            if (n == null || !domain.equals(Domains.registrableDomain(n))) {
                throw new UserException("pageUrl \"" + page + "\" is not a URL on " + domain);
            }
            p.pageUrl = n;
        }
        p.pageTitle = blankToNull(k.title());
        p.score = k.score();
        p.authority = k.authority();
        p.reasons = blankToNull(k.reasons());
        p.explanationJson = blankToNull(k.explanationJson());
        p.source = source;
        List<String> emails = k.emails() == null ? List.of() : k.emails();
        String contactUrl = blankToNull(k.contactUrl());
        if ((emails.isEmpty() || contactUrl == null) && contacts != null) {
            SiteRepository.Contacts found = contacts.find(domain);
            if (emails.isEmpty()) {
                emails = found.emails();
            }
            if (contactUrl == null) {
                contactUrl = found.contactUrl();
            }
        }
        p.contactEmails = emails.isEmpty() ? null : String.join("\n", emails);
        p.contactUrl = contactUrl;
        p.status = ProspectStatus.NEW;
        p.persist();
        history(p, null, ProspectStatus.NEW, by);
        return p;
    }

    private static void history(Prospect p, ProspectStatus from, ProspectStatus to, String by) {
        StatusChange h = new StatusChange();
        h.prospect = p;
        h.fromStatus = from;
        h.toStatus = to;
        h.changedBy = by;
        h.changedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        h.persist();
    }

    /** The registrable domain of a domain, host or URL, or null when it is not one. */
    static String resolve(String domainOrUrl) {
        if (domainOrUrl == null || domainOrUrl.isBlank()) {
            return null;
        }
        try {
            return CampaignService.domain("domain", domainOrUrl);
        } catch (UserException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String who(String changedBy, String dflt) {
        if (changedBy == null || changedBy.isBlank()) {
            return dflt;
        }
        String s = changedBy.strip();
        if (s.length() > 200) {
            throw new UserException("changedBy is too long: at most 200 characters");
        }
        return s;
    }

    // ---- one prospect ----

    Prospect find(long id) {
        db.require();
        Prospect p = Prospect.findById(id);
        if (p == null) {
            throw new UserException("prospect " + id + " does not exist", 404);
        }
        return p;
    }

    @Transactional
    public Views.ProspectView get(long id) {
        return Views.ProspectView.of(find(id));
    }

    /**
     * Moves a prospect to another status if the transition is allowed and the version is current; records who
     * and when in the history. Moving to CONTACTED stamps {@code contactedAt}; {@code wonUrl} (the linking page)
     * and {@code wonTarget} (where the link must point: a URL or a domain; default the campaign's target domain)
     * may come with WON, and are what {@code linkscout monitor} checks.
     */
    @Transactional
    public Views.ProspectView changeStatus(long id, String status, Long expectedVersion, String changedBy,
            String wonUrl, String defaultBy) {
        return changeStatus(id, status, expectedVersion, changedBy, wonUrl, null, defaultBy);
    }

    /** {@link #changeStatus(long, String, Long, String, String, String)} with the won link's expected target. */
    @Transactional
    public Views.ProspectView changeStatus(long id, String status, Long expectedVersion, String changedBy,
            String wonUrl, String wonTarget, String defaultBy) {
        ProspectStatus to = ProspectStatus.parse(status);
        Prospect p = find(id);
        CampaignService.checkVersion("prospect " + id, p.version, expectedVersion);
        ProspectStatus from = p.status;
        if (!from.canMoveTo(to)) {
            throw new UserException("prospect " + id + " cannot move from " + from + " to " + to
                    + ": allowed next statuses from " + from + " are " + ProspectStatus.names(from.next()), 409);
        }
        boolean hasTarget = wonTarget != null && !wonTarget.isBlank();
        if (wonUrl != null && !wonUrl.isBlank() || hasTarget) {
            if (to != ProspectStatus.WON) {
                throw new UserException((hasTarget ? "wonTarget" : "wonUrl") + " can only be given with status WON"
                        + " (the page that now links to you, and where its link points)");
            }
            if (wonUrl != null && !wonUrl.isBlank()) {
                p.wonUrl = WonLinks.pageUrl("wonUrl", wonUrl);
            }
            if (hasTarget) {
                p.wonTarget = WonLinks.target("wonTarget", wonTarget);
            }
            if (p.wonUrl == null) {
                throw new UserException("wonTarget needs wonUrl: give the page that links to you as well");
            }
            if (p.wonTarget == null) {
                p.wonTarget = p.campaign.targetDomain;
            }
        }
        p.status = to;
        if (to == ProspectStatus.CONTACTED) {
            p.contactedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        history(p, from, to, who(changedBy, defaultBy));
        OptimisticLocks.flush("prospect " + id);
        return Views.ProspectView.of(p);
    }

    /** Sets notes and/or the won-link URL (null = unchanged, "" = cleared), if the version is current. */
    @Transactional
    public Views.ProspectView update(long id, Long expectedVersion, String notes, String wonUrl) {
        return update(id, expectedVersion, notes, wonUrl, null);
    }

    /**
     * Sets notes, the won-link URL and/or its expected target (null = unchanged, "" = cleared; a won URL set without
     * a target gets the campaign's target domain), if the version is current.
     */
    @Transactional
    public Views.ProspectView update(long id, Long expectedVersion, String notes, String wonUrl, String wonTarget) {
        Prospect p = find(id);
        CampaignService.checkVersion("prospect " + id, p.version, expectedVersion);
        if (notes == null && wonUrl == null && wonTarget == null) {
            throw new UserException("nothing to change: give notes, wonUrl and/or wonTarget");
        }
        if (notes != null) {
            if (notes.length() > 20_000) {
                throw new UserException("notes are too long: at most 20,000 characters (got " + notes.length() + ")");
            }
            p.notes = notes.isBlank() ? null : notes;
        }
        if (wonUrl != null) {
            p.wonUrl = wonUrl.isBlank() ? null : WonLinks.pageUrl("wonUrl", wonUrl);
        }
        if (wonTarget != null) {
            p.wonTarget = wonTarget.isBlank() ? null : WonLinks.target("wonTarget", wonTarget);
        }
        if (p.wonUrl != null && p.wonTarget == null) {
            p.wonTarget = p.campaign.targetDomain;
        }
        p.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // also makes the version move when only the text changed
        OptimisticLocks.flush("prospect " + id);
        return Views.ProspectView.of(p);
    }

    /**
     * Marks (or unmarks) a prospect's domain as toxic in its campaign, if the version is current; the disavow export
     * lists the toxic domains and the outreach-tool exports leave them out.
     *
     * @param campaignId the campaign the prospect must belong to (null: not checked)
     * @param toxic      true marks, false unmarks (null is a 400 saying what to send)
     */
    @Transactional
    public Views.ProspectView setToxic(Long campaignId, long id, Boolean toxic, Long expectedVersion) {
        if (campaignId != null) {
            campaigns.find(campaignId);
        }
        if (toxic == null) {
            throw new UserException("toxic is required: send {\"toxic\": true, \"version\": N} to mark the domain as"
                    + " toxic (false unmarks it)");
        }
        Prospect p = find(id);
        if (campaignId != null && !campaignId.equals(p.campaign.id)) {
            throw new UserException("prospect " + id + " is not in campaign " + campaignId + " (it belongs to campaign "
                    + p.campaign.id + ")", 404);
        }
        CampaignService.checkVersion("prospect " + id, p.version, expectedVersion);
        p.toxic = toxic;
        p.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // the version moves even when unchanged
        OptimisticLocks.flush("prospect " + id);
        return Views.ProspectView.of(p);
    }

    @Transactional
    public List<Views.StatusChangeView> history(long id) {
        find(id);
        return StatusChange.<StatusChange>list("prospect.id = ?1 order by id", id).stream()
                .map(Views.StatusChangeView::of).toList();
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    // ---- lists ----

    /** Sortable fields: API name to entity attribute. */
    static final Map<String, String> SORTS = Map.of("score", "score", "domain", "domain", "status", "status",
            "authority", "authority", "created", "createdAt", "updated", "updatedAt", "id", "id");

    /**
     * A page of a campaign's prospects.
     *
     * @param statuses  only these statuses (empty: all)
     * @param q         domain contains this (case-insensitive), or null
     * @param minScore  score at least this, or null
     * @param sort      field, "-field" for descending: score (default -score), domain, status, authority, created,
     *                  updated, id; ties by domain
     */
    @Transactional
    public Views.ProspectPage list(long campaignId, List<String> statuses, String q, Double minScore, String source,
            String sort, int page, int size) {
        campaigns.find(campaignId);
        if (page < 0) {
            throw new UserException("page must be 0 or more (got " + page + ")");
        }
        if (size < 1 || size > 500) {
            throw new UserException("size must be between 1 and 500 (got " + size + ")");
        }
        StringBuilder where = new StringBuilder("campaign.id = :c");
        Parameters params = Parameters.with("c", campaignId);
        Set<ProspectStatus> st = new LinkedHashSet<>();
        for (String s : statuses == null ? List.<String>of() : statuses) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    st.add(ProspectStatus.parse(part));
                }
            }
        }
        if (!st.isEmpty()) {
            where.append(" and status in :st");
            params.and("st", st);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and lower(domain) like :q");
            params.and("q", "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        if (minScore != null) {
            where.append(" and score >= :ms");
            params.and("ms", minScore);
        }
        if (source != null && !source.isBlank()) {
            where.append(" and source = :src");
            params.and("src", source.strip());
        }
        String sortKey = sort == null || sort.isBlank() ? "-score" : sort.strip();
        boolean desc = sortKey.startsWith("-");
        String field = SORTS.get(desc ? sortKey.substring(1) : sortKey);
        if (field == null) {
            throw new UserException("sort must be one of " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))
                    + " (prefix with - for descending), got \"" + sort + "\"");
        }
        Sort s = Sort.by(field, desc ? Sort.Direction.Descending : Sort.Direction.Ascending,
                desc ? Sort.NullPrecedence.NULLS_LAST : Sort.NullPrecedence.NULLS_FIRST).and("domain").and("id");
        var query = Prospect.<Prospect>find(where.toString(), s, params);
        long total = query.count();
        List<Views.ProspectView> items = query.page(Page.of(page, size)).list().stream()
                .map(Views.ProspectView::of).toList();
        return new Views.ProspectPage(total, page, size, sortKey, items);
    }

    /** Every prospect of a campaign for export: score descending, then domain. */
    @Transactional
    public List<Views.ProspectView> all(long campaignId) {
        campaigns.find(campaignId);
        return Prospect.<Prospect>list("campaign.id = ?1", Sort.by("score", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                .and("domain").and("id"),
                campaignId).stream().map(Views.ProspectView::of).toList();
    }
}
