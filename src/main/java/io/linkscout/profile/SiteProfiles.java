package io.linkscout.profile;

import io.linkscout.index.IndexFields;
import io.linkscout.index.ToolLink;
import io.linkscout.search.SearchBackend;
import io.linkscout.site.SiteRepository;

import io.linkscout.jobs.guestpost.GuestPostIndexing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;

/**
 * What the web app's site profile shows about one registrable domain besides its authority (that is
 * {@link io.linkscout.quality.SiteQuality}): its pages, and its site document's contacts and guest-post detection
 * (the site document read through {@link SiteRepository}, the one reader of site documents).
 */
public final class SiteProfiles {

    /** One indexed page of the site. */
    public record Page(String url, String title, double authority, double spamScore, int inLinks, int refDomains,
            int textLength, String guestPostKind, double guestPostScore) {
    }

    /** The site's pages (best authority first, then URL), at most {@code limit} of {@code total}. */
    public record Pages(String domain, int total, List<Page> pages) {
    }

    /** The site document's contacts and best guest-post detection (kind NONE when none). */
    public record Profile(String domain, List<String> emails, String contactUrl, List<String> social,
            String guestPostKind, double guestPostScore, String guestPostPage, String guidelinesUrl,
            String guestPostContactUrl, int guestPostPages, int publishedGuestPosts) {
    }

    /** An indexed page's stored title and text. */
    /**
     * A page's title and text, and what backlink exports said about it: {@code knownFrom} ({@code known from Ahrefs
     * export} for a page only exports name, else null), the tools' page metrics and the links they reported, lost
     * ones included (a lost link has its {@code lost} date or {@code lost}; it is not a link of the graphs).
     */
    public record PageText(String url, String domain, String title, String text, String knownFrom,
            Map<String, Double> toolMetrics, List<ToolLink> exportLinks) {
    }

    private SiteProfiles() {
    }

    /** The page stored under exactly this URL (as normalised at ingest), or null. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public static PageText page(SearchBackend backend, String url) {
        try {
            Document d = backend.document(IndexFields.TYPE_PAGE, url).orElse(null);
            if (d == null) {
                return null;
            }
            String metrics = d.get(IndexFields.TOOL_METRICS);
            return new PageText(d.get(IndexFields.ID), d.get(IndexFields.DOMAIN), d.get(IndexFields.TITLE),
                    d.get(IndexFields.TEXT), d.get(IndexFields.KNOWN_FROM), metrics == null ? Map.of()
                            : JSON.readValue(metrics, new com.fasterxml.jackson.core.type.TypeReference<
                                    Map<String, Double>>() { }), ToolLink.stored(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page values {@link #pages} shows that the index keeps as doc values (updated in place). */
    private static final List<SearchBackend.DocValue> PAGE_VALUES = List.of(
            new SearchBackend.DocValue(IndexFields.AUTHORITY_VALUE, true),
            new SearchBackend.DocValue(IndexFields.PAGE_SPAM, true),
            new SearchBackend.DocValue(IndexFields.PAGE_IN_LINKS, false),
            new SearchBackend.DocValue(IndexFields.PAGE_REF_DOMAINS, false));

    /** The pages of {@code domain} in the index; {@code limit} of them (1-1000) in authority order. */
    public static Pages pages(SearchBackend backend, String domain, int limit) {
        try {
            List<Page> all = new ArrayList<>();
            for (Document d : backend.documents(IndexFields.TYPE_PAGE, IndexFields.DOMAIN, domain, PAGE_VALUES)) {
                all.add(new Page(d.get(IndexFields.ID), d.get(IndexFields.TITLE), num(d, IndexFields.AUTHORITY_VALUE),
                        num(d, IndexFields.PAGE_SPAM), (int) num(d, IndexFields.PAGE_IN_LINKS),
                        (int) num(d, IndexFields.PAGE_REF_DOMAINS), (int) num(d, IndexFields.TEXT_LENGTH),
                        d.get(GuestPostIndexing.KIND), num(d, GuestPostIndexing.SCORE)));
            }
            all.sort(Comparator.comparingDouble(Page::authority).reversed().thenComparing(Page::url));
            return new Pages(domain, all.size(), List.copyOf(all.subList(0, Math.min(limit, all.size()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site document of {@code domain}, or null when the index has none. */
    public static Profile profile(SearchBackend backend, String domain) {
        Document d = SiteRepository.document(backend, domain).orElse(null);
        if (d == null) {
            return null;
        }
        SiteRepository.Contacts c = SiteRepository.contacts(d);
        return new Profile(domain, c.emails(), c.contactUrl(), strings(d, IndexFields.SOCIAL),
                d.get(GuestPostIndexing.KIND), num(d, GuestPostIndexing.SCORE), blank(d.get(GuestPostIndexing.PAGE)),
                blank(d.get(GuestPostIndexing.GUIDELINES_URL)), blank(d.get(GuestPostIndexing.CONTACT_URL)),
                (int) num(d, GuestPostIndexing.PAGES), (int) num(d, GuestPostIndexing.PUBLISHED_PAGES));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> strings(Document d, String field) {
        List<String> out = new ArrayList<>();
        for (IndexableField f : d.getFields(field)) {
            if (f.stringValue() != null && !f.stringValue().isBlank() && out.size() < 20) {
                out.add(f.stringValue());
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    private static double num(Document d, String field) {
        IndexableField f = d.getField(field);
        if (f == null) {
            return 0;
        }
        Number n = f.numericValue();
        if (n != null) {
            return n.doubleValue();
        }
        try {
            return f.stringValue() == null ? 0 : Double.parseDouble(f.stringValue());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
