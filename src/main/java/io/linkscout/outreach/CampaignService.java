package io.linkscout.outreach;

import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Campaigns and exclusions: create, read, update, delete; CSV import of exclusions. Every write is one transaction. */
@ApplicationScoped
public class CampaignService {

    @Inject
    OutreachDatabase db;

    @Inject
    OutreachConfig config;

    /** The fields of a campaign a user sets; null means "unchanged" on update. */
    public record CampaignInput(String name, String contentTitle, String contentText, String contentUrl,
            String targetDomain) {
    }

    @Transactional
    public Views.CampaignView create(CampaignInput in) {
        db.require();
        Campaign c = new Campaign();
        apply(c, in, true);
        c.persist();
        Campaign.flush();
        return Views.CampaignView.of(c, counts(c.id));
    }

    @Transactional
    public Views.CampaignView update(long id, CampaignInput in, Long expectedVersion) {
        Campaign c = find(id);
        checkVersion("campaign " + id, c.version, expectedVersion);
        apply(c, in, false);
        OptimisticLocks.flush("campaign " + id);
        return Views.CampaignView.of(c, counts(c.id));
    }

    @Transactional
    public void delete(long id) {
        Campaign c = find(id);
        c.delete();
    }

    @Transactional
    public Views.CampaignView get(long id) {
        Campaign c = find(id);
        return Views.CampaignView.of(c, counts(id));
    }

    @Transactional
    public List<Views.CampaignView> list() {
        db.require();
        List<Campaign> cs = Campaign.list("order by id");
        Map<Long, Map<String, Long>> counts = new TreeMap<>();
        List<Object[]> rows = Prospect.getEntityManager().createQuery(
                "select p.campaign.id, p.status, count(p) from Prospect p group by p.campaign.id, p.status",
                Object[].class).getResultList();
        for (Object[] r : rows) {
            counts.computeIfAbsent((Long) r[0], k -> emptyCounts()).put(((ProspectStatus) r[1]).name(), (Long) r[2]);
        }
        return cs.stream().map(c -> Views.CampaignView.of(c, counts.getOrDefault(c.id, emptyCounts()))).toList();
    }

    @Transactional
    public long count() {
        db.require();
        return Campaign.count();
    }

    /** The campaign, or a 404 naming it. Also checks that the database is configured. */
    Campaign find(long id) {
        db.require();
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw new UserException("campaign " + id + " does not exist (GET /api/campaigns lists them)", 404);
        }
        return c;
    }

    static Map<String, Long> emptyCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ProspectStatus s : ProspectStatus.values()) {
            m.put(s.name(), 0L);
        }
        return m;
    }

    static Map<String, Long> counts(long campaignId) {
        Map<String, Long> m = emptyCounts();
        List<Object[]> rows = Prospect.getEntityManager().createQuery(
                "select p.status, count(p) from Prospect p where p.campaign.id = :c group by p.status",
                Object[].class).setParameter("c", campaignId).getResultList();
        for (Object[] r : rows) {
            m.put(((ProspectStatus) r[0]).name(), (Long) r[1]);
        }
        return m;
    }

    static void checkVersion(String what, long current, Long expected) {
        if (expected == null) {
            throw new UserException("version is required to change " + what + ": send the version you last read"
                    + " (body field \"version\" or header If-Match); the current one is " + current);
        }
        if (expected != current) {
            throw new UserException(what + " was changed by someone else since you read it (your version "
                    + expected + ", current version " + current + "): reload it and apply your change again", 409);
        }
    }

    private static void apply(Campaign c, CampaignInput in, boolean creating) {
        if (in == null) {
            throw new UserException("request body is missing: send a JSON object such as {\"name\": \"...\","
                    + " \"targetDomain\": \"mysite.com\", \"contentText\": \"...\"}");
        }
        if (creating || in.name() != null) {
            if (in.name() == null || in.name().isBlank()) {
                throw new UserException("name is required: give the campaign a name");
            }
            if (in.name().strip().length() > 200) {
                throw new UserException("name is too long: at most 200 characters (got " + in.name().strip().length()
                        + ")");
            }
            c.name = in.name().strip();
        }
        if (creating || in.targetDomain() != null) {
            if (in.targetDomain() == null || in.targetDomain().isBlank()) {
                throw new UserException("targetDomain is required: the registrable domain of your own site, e.g."
                        + " mysite.com (it is never suggested as a prospect)");
            }
            c.targetDomain = domain("targetDomain", in.targetDomain());
        }
        if (in.contentTitle() != null) {
            c.contentTitle = in.contentTitle().isBlank() ? null : in.contentTitle().strip();
            if (c.contentTitle != null && c.contentTitle.length() > 500) {
                throw new UserException("contentTitle is too long: at most 500 characters");
            }
        }
        if (in.contentText() != null) {
            c.contentText = in.contentText().isBlank() ? null : in.contentText();
        }
        if (in.contentUrl() != null) {
            if (in.contentUrl().isBlank()) {
                c.contentUrl = null;
            } else {
                String u = UrlNormalizer.normalize(in.contentUrl().strip());
                if (u == null) {
                    throw new UserException("contentUrl is not a usable http(s) URL: \"" + in.contentUrl() + "\"");
                }
                c.contentUrl = u;
            }
        }
        if (c.contentText == null && c.contentUrl == null) {
            throw new UserException("the campaign needs the content it promotes: give contentText (plain text,"
                    + " Markdown or HTML) or contentUrl (a page in the index)");
        }
    }

    /** A registrable domain from a domain, host or URL; a 400 naming the field otherwise. */
    public static String domain(String field, String value) {
        return Domains.requireDomain(field, value);
    }

    // ---- exclusions ----

    /** Adds (or updates the reason of) an exclusion; campaignId null means global. */
    @Transactional
    public Views.ExclusionView exclude(Long campaignId, String domainOrUrl, String reason, String note) {
        db.require();
        Campaign c = campaignId == null ? null : find(campaignId);
        return Views.ExclusionView.of(upsert(c, domain("domain", domainOrUrl), Exclusion.Reason.parse(reason), note));
    }

    private static Exclusion upsert(Campaign c, String domain, Exclusion.Reason reason, String note) {
        Exclusion e = c == null ? Exclusion.find("campaign is null and domain = ?1", domain).firstResult()
                : Exclusion.find("campaign.id = ?1 and domain = ?2", c.id, domain).firstResult();
        if (e == null) {
            e = new Exclusion();
            e.campaign = c;
            e.domain = domain;
            e.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        e.reason = reason;
        e.note = note == null || note.isBlank() ? null : note.strip();
        e.persist();
        return e;
    }

    @Transactional
    public boolean unexclude(Long campaignId, String domainOrUrl) {
        db.require();
        if (campaignId != null) {
            find(campaignId);
        }
        String d = domain("domain", domainOrUrl);
        long n = campaignId == null ? Exclusion.delete("campaign is null and domain = ?1", d)
                : Exclusion.delete("campaign.id = ?1 and domain = ?2", campaignId, d);
        if (n == 0) {
            throw new UserException(d + " is not on the " + (campaignId == null ? "global" : "campaign " + campaignId)
                    + " exclusion list", 404);
        }
        return true;
    }

    /** Global exclusions (campaignId null), or the campaign's own, sorted by domain. */
    @Transactional
    public List<Views.ExclusionView> exclusions(Long campaignId) {
        db.require();
        List<Exclusion> l = campaignId == null ? Exclusion.list("campaign is null order by domain")
                : Exclusion.list("campaign.id = ?1 order by domain", find(campaignId).id);
        return l.stream().map(Views.ExclusionView::of).toList();
    }

    /** Every domain excluded for a campaign: its own and the global exclusions. */
    @Transactional
    public java.util.Set<String> excludedDomains(long campaignId) {
        find(campaignId);
        return new java.util.TreeSet<>(Exclusion.getEntityManager().createQuery(
                "select e.domain from Exclusion e where e.campaign is null or e.campaign.id = :c", String.class)
                .setParameter("c", campaignId).getResultList());
    }

    /** The result of a CSV import. */
    public record ImportResult(int imported, List<Views.ExclusionView> exclusions) {
    }

    /**
     * Imports exclusions from CSV: a header row with {@code domain} (or {@code url}, {@code site}, {@code host}) and
     * optional {@code reason} and {@code note} columns, or no header and the domain in the first column. Any bad
     * row rejects the whole file (nothing imported) with every problem as {@code source:line: field 'x': ...}.
     */
    @Transactional
    public ImportResult importCsv(Long campaignId, Reader csv, String source, String defaultReason) {
        db.require();
        Campaign c = campaignId == null ? null : find(campaignId);
        Exclusion.Reason def = Exclusion.Reason.parse(defaultReason);
        record Row(long line, String domain, Exclusion.Reason reason, String note) {
        }
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setTrim(true).setIgnoreEmptyLines(true)
                .get())) {
            int domainCol = 0;
            int reasonCol = -1;
            int noteCol = -1;
            boolean first = true;
            long count = 0;
            int maxRows = config.maxImportRows();
            for (CSVRecord r : p) {
                long line = r.getParser().getCurrentLineNumber();
                if (first) {
                    first = false;
                    List<String> names = r.stream().map(s -> s.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT))
                            .toList();
                    int d = indexOfAny(names, "domain", "url", "site", "host", "website");
                    if (d >= 0) {
                        domainCol = d;
                        reasonCol = names.indexOf("reason");
                        noteCol = names.indexOf("note");
                        continue;
                    }
                }
                if (++count > maxRows) {
                    throw new UserException(source + ":" + line + ": more than " + maxRows + " rows in one import;"
                            + " nothing imported: split the file into imports of at most " + maxRows + " rows, or"
                            + " raise linkscout.outreach.max-import-rows", 413);
                }
                String raw = r.size() > domainCol ? r.get(domainCol).replace("\uFEFF", "") : "";
                if (raw.isBlank()) {
                    problems.add(source + ":" + line + ": field 'domain': empty (give a domain, host or URL)");
                    continue;
                }
                String d;
                try {
                    d = domain("domain", raw);
                } catch (UserException e) {
                    problems.add(source + ":" + line + ": field 'domain': \"" + raw + "\" is not a valid domain,"
                            + " host or URL");
                    continue;
                }
                Exclusion.Reason reason = def;
                if (reasonCol >= 0 && r.size() > reasonCol && !r.get(reasonCol).isBlank()) {
                    try {
                        reason = Exclusion.Reason.parse(r.get(reasonCol));
                    } catch (UserException e) {
                        problems.add(source + ":" + line + ": field 'reason': " + e.getMessage());
                        continue;
                    }
                }
                rows.add(new Row(line, d, reason, noteCol >= 0 && r.size() > noteCol ? r.get(noteCol) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new UserException(source + ": malformed CSV: " + e.getMessage()
                    + " (quote cells containing commas or quotes, RFC 4180)", 422);
        }
        if (!problems.isEmpty()) {
            throw new UserException(problems.size() + " bad row" + (problems.size() == 1 ? "" : "s")
                    + ", nothing imported: " + String.join("; ", problems.subList(0, Math.min(10, problems.size())))
                    + (problems.size() > 10 ? "; ..." : ""), 422);
        }
        if (rows.isEmpty()) {
            throw new UserException(source + ": no exclusions found (one domain per row, optionally with a header"
                    + " domain,reason,note)", 422);
        }
        List<Views.ExclusionView> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(Views.ExclusionView.of(upsert(c, r.domain(), r.reason(), r.note())));
        }
        return new ImportResult(out.size(), out);
    }

    private static int indexOfAny(List<String> names, String... keys) {
        for (String k : keys) {
            int i = names.indexOf(k);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
