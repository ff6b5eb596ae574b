package io.linkscout.monitor;

import io.linkscout.config.CrawlSettings;
import io.linkscout.config.MonitorSettings;
import io.linkscout.crawl.AddressPolicy;
import io.linkscout.crawl.Crawler;
import io.linkscout.crawl.PoliteFetcher;
import io.linkscout.error.UserException;
import io.linkscout.outreach.CampaignService;
import io.linkscout.outreach.OutreachDatabase;
import io.linkscout.outreach.ProspectService;
import io.linkscout.outreach.ProspectStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-checks won links: every WON prospect with a won URL, whose last check is older than the minimum age, oldest
 * check first (never checked first, then by prospect id), at most {@code maxPages} in a run. Each page is fetched
 * through the crawler's guarded, polite fetcher ({@link PoliteFetcher}), judged by {@link LinkInspector} and saved
 * as a {@link LinkCheck} in its own transaction, so an interrupted run keeps what it checked and the next run
 * continues with the links not checked yet.
 */
@ApplicationScoped
public class LinkMonitor {

    /** A run's limits; null fields take {@code linkscout.monitor.*}. */
    public record RunOptions(Long campaignId, Integer maxPages, Duration minAge, Boolean allowPrivate) {
        public static RunOptions defaults() {
            return new RunOptions(null, null, null, null);
        }
    }

    @Inject
    OutreachDatabase db;
    @Inject
    MonitorSettings settings;
    @Inject
    CrawlSettings crawl;
    /** Looked up per use: without a datasource (every command but serve, campaign, user, monitor) it is inactive. */
    @Inject
    Instance<EntityManager> em;
    @Inject
    CampaignService campaigns;
    @Inject
    ProspectService prospects;

    /** One won link due for a check. */
    record Due(long prospectId, String domain, String pageUrl, String target) {
    }

    /** Runs the monitor; {@code progress} sees every check as it is saved. */
    public MonitorViews.RunReport run(RunOptions o, Consumer<MonitorViews.CheckView> progress) {
        db.require();
        int max = o.maxPages() != null ? o.maxPages() : settings.maxPages();
        Duration minAge = o.minAge() != null ? o.minAge() : settings.minAge();
        if (max < 1) {
            throw new UserException("maxPages must be at least 1 (got " + max + ")");
        }
        if (minAge.isNegative()) {
            throw new UserException("minAge must not be negative (got " + minAge + ")");
        }
        if (o.campaignId() != null) {
            campaigns.get(o.campaignId()); // 404 for an unknown campaign
        }
        Instant started = now();
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> due(o.campaignId(), started.minus(minAge)));
        List<MonitorViews.CheckView> done = new ArrayList<>();
        Map<LinkFlag, Integer> flags = new EnumMap<>(LinkFlag.class);
        boolean interrupted = false;
        try (PoliteFetcher fetcher = new PoliteFetcher(fetchOptions(o))) {
            for (Due d : due.subList(0, Math.min(max, due.size()))) {
                LinkInspector.Finding f;
                Instant at = now();
                try {
                    f = LinkInspector.inspect(fetcher.fetch(d.pageUrl()), d.target());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                    break;
                }
                MonitorViews.CheckView v = QuarkusTransaction.requiringNew().call(() -> save(d, at, f));
                done.add(v);
                if (v.flag() != null) {
                    flags.merge(v.flag(), 1, Integer::sum);
                }
                progress.accept(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MonitorViews.RunReport(started, o.campaignId(), due.size(), done.size(),
                due.size() - done.size(), interrupted, flags, done);
    }

    private Crawler.Options fetchOptions(RunOptions o) {
        Crawler.Options c = new Crawler.Options(); // the crawler's timeouts, byte cap, redirect and Crawl-delay limits
        c.userAgent = crawl.userAgent().filter(s -> !s.isBlank()).map(String::strip)
                .orElse("LinkScout/0.1 (+" + crawl.contact().strip() + ")");
        c.delayMillis = settings.delay().toMillis();
        boolean allowPrivate = o.allowPrivate() != null ? o.allowPrivate() : settings.allowPrivate();
        c.policy = allowPrivate ? AddressPolicy.allowAll() : AddressPolicy.defaults();
        return c;
    }

    @SuppressWarnings("unchecked")
    List<Due> due(Long campaignId, Instant checkedBefore) {
        List<Object[]> rows = em.get().createNativeQuery("""
                select p.id, p.domain, p.won_url, coalesce(p.won_target, c.target_domain),
                       (select max(l.checked_at) from link_check l where l.prospect_id = p.id) as last_check
                from prospect p join campaign c on c.id = p.campaign_id
                where p.status = :won and p.won_url is not null and (cast(:campaign as bigint) is null
                      or p.campaign_id = cast(:campaign as bigint))
                order by last_check asc nulls first, p.id""")
                .setParameter("won", ProspectStatus.WON.name())
                .setParameter("campaign", campaignId)
                .getResultList();
        List<Due> out = new ArrayList<>();
        for (Object[] r : rows) {
            Instant last = r[4] == null ? null : r[4] instanceof Timestamp t ? t.toInstant() : (Instant) r[4];
            if (last == null || last.isBefore(checkedBefore)) {
                out.add(new Due(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3]));
            }
        }
        return out;
    }

    private MonitorViews.CheckView save(Due d, Instant at, LinkInspector.Finding f) {
        LinkCheck c = new LinkCheck();
        c.prospectId = d.prospectId();
        c.checkedAt = at;
        c.pageUrl = d.pageUrl();
        c.target = d.target();
        c.outcome = LinkInspector.cut(f.outcome(), 40);
        c.live = f.live();
        c.linkPresent = f.linkPresent();
        c.rel = f.rel();
        c.anchor = f.anchor();
        c.httpStatus = f.httpStatus();
        c.redirectUrl = f.redirectUrl() == null ? null : LinkInspector.cut(f.redirectUrl(), 2048);
        c.noindex = f.noindex();
        c.noindexSource = f.noindexSource();
        c.flag = f.flag();
        c.evidence = f.evidence() == null ? null : LinkInspector.cut(f.evidence(), 4000);
        c.persist();
        return MonitorViews.CheckView.of(c, d.domain());
    }

    /** Every check of a prospect, oldest first (404 for an unknown prospect). */
    @Transactional
    public List<MonitorViews.CheckView> checks(long prospectId) {
        db.require();
        String domain = prospects.get(prospectId).domain();
        return LinkCheck.<LinkCheck>list("prospectId = ?1 order by checkedAt, id", prospectId).stream()
                .map(c -> MonitorViews.CheckView.of(c, domain)).toList();
    }

    /** A campaign's won links with their latest check (none yet: null), by prospect id. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<MonitorViews.WonLinkView> wonLinks(long campaignId) {
        db.require();
        campaigns.get(campaignId);
        List<Object[]> rows = em.get().createQuery("""
                select p.id, p.domain, p.status, p.wonUrl, coalesce(p.wonTarget, p.campaign.targetDomain)
                from Prospect p where p.campaign.id = ?1 and p.wonUrl is not null order by p.id""")
                .setParameter(1, campaignId).getResultList();
        List<MonitorViews.WonLinkView> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            LinkCheck last = LinkCheck.<LinkCheck>find("prospectId = ?1 order by checkedAt desc, id desc", id)
                    .firstResult();
            long n = LinkCheck.count("prospectId", id);
            out.add(new MonitorViews.WonLinkView(id, (String) r[1], (ProspectStatus) r[2], (String) r[3],
                    (String) r[4], n, last == null ? null : MonitorViews.CheckView.of(last, (String) r[1])));
        }
        return out;
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    /** A duration as people type it: {@code 30m}, {@code 1h}, {@code 2d}, {@code 45s}, {@code 0}, or ISO {@code PT1H}. */
    public static Duration duration(String field, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new UserException(field + ": \"" + value + "\" is not a duration (give 30m, 1h, 2d or PT1H)");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
