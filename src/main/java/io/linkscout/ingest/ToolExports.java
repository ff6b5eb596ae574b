package io.linkscout.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backlink exports LinkScout reads, recognised from their header (never from the file name): which columns
 * each report has, under which names (older and localised names included), and what they become. Layouts and
 * sources: {@code shared/data/tool-exports/FORMATS.md}; README "Input formats".
 *
 * <p>To support another report or header variant, add a {@link Report} to {@link #REPORTS} (more specific ones
 * first) or a localised column name to {@link #LOCALISED}.
 */
public final class ToolExports {

    private ToolExports() {
    }

    /** The tools. */
    public enum Tool {
        AHREFS("ahrefs", "Ahrefs"), SEMRUSH("semrush", "Semrush"), MAJESTIC("majestic", "Majestic"),
        GSC("gsc", "Search Console");

        private final String key;
        private final String label;

        Tool(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public static Tool of(String key) {
            for (Tool t : values()) {
                if (t.key.equals(key)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown tool " + key);
        }
    }

    /** What a column means to LinkScout. */
    public enum Role {
        SOURCE_URL, SOURCE_DOMAIN, TITLE, TARGET_URL, ANCHOR, NOFOLLOW, UGC, SPONSORED, LINK_TYPE, DOFOLLOW_LINKS,
        FIRST_SEEN, LAST_SEEN, LOST_DATE, LOST_FLAG
    }

    /** What a row of a report is. */
    public enum Level {
        /** a link from a page to a target page */
        PAGE_LINK,
        /** a linking page without its target (the target is the site the export is about: {@code --target}) */
        PAGE_ONLY,
        /** a linking domain (the target is the site the export is about: {@code --target}) */
        DOMAIN,
        /** the user's own pages with the tool's counts: recognised, not link data */
        OWN_PAGES
    }

    /**
     * A tool metric column.
     *
     * @param names  the column's names (lower case)
     * @param metric the metric's name, prefixed by the tool ({@code ahrefs_dr})
     * @param page   true for a metric of the linking page, false for one of its domain
     */
    public record Metric(List<String> names, String metric, boolean page) {
    }

    /**
     * One export.
     *
     * @param id       e.g. {@code ahrefs-backlinks}
     * @param tool     the tool
     * @param title    the report as the tool names it (menu path)
     * @param level    what a row is
     * @param required column-name groups that must all be present (one name of each group) for the header to be
     *                 this report
     * @param columns  the names of each role's column (lower case), first present one wins
     * @param metrics  the tool's metrics
     */
    public record Report(String id, Tool tool, String title, Level level, List<List<String>> required,
            Map<Role, List<String>> columns, List<Metric> metrics) {

        /** The column of a role in this header (lower-case names), or -1. */
        int column(Role role, List<String> header) {
            for (String n : columns.getOrDefault(role, List.of())) {
                int i = header.indexOf(n);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }

        boolean matches(Collection<String> header) {
            for (List<String> group : required) {
                if (group.stream().noneMatch(header::contains)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Localised column names (lower case) → the English name, for tools whose headers follow the UI language
     * (Search Console). Real example: the Italian UI writes {@code Pagina con link,Ultima scansione} for
     * {@code Linking page,Last crawled}.
     */
    public static final Map<String, String> LOCALISED = Map.of(
            "pagina con link", "linking page",
            "ultima scansione", "last crawled");

    private static final List<String> AHREFS_DATES_FIRST = List.of("first seen");

    /** Every report, most specific first. */
    public static final List<Report> REPORTS = List.of(
            new Report("ahrefs-broken-backlinks", Tool.AHREFS, "Site Explorer > Backlinks > Broken",
                    Level.PAGE_LINK,
                    List.of(List.of("referring page url"), List.of("target url"), List.of("target page http code")),
                    ahrefsLinkColumns(), ahrefsMetrics()),
            new Report("ahrefs-backlinks", Tool.AHREFS, "Site Explorer > Backlinks", Level.PAGE_LINK,
                    List.of(List.of("referring page url", "ref. page url"), List.of("target url", "link url")),
                    ahrefsLinkColumns(), ahrefsMetrics()),
            new Report("ahrefs-referring-domains", Tool.AHREFS, "Site Explorer > Referring domains", Level.DOMAIN,
                    List.of(List.of("domain"), List.of("dofollow ref. domains", "dofollow linked domains")),
                    Map.of(Role.SOURCE_DOMAIN, List.of("domain"), Role.DOFOLLOW_LINKS, List.of("dofollow links"),
                            Role.FIRST_SEEN, AHREFS_DATES_FIRST, Role.LOST_DATE, List.of("lost")),
                    List.of(new Metric(List.of("dr", "domain rating"), "ahrefs_dr", false))),
            new Report("semrush-backlink-audit", Tool.SEMRUSH, "Backlink Audit > Export", Level.PAGE_LINK,
                    List.of(List.of("toxic score"), List.of("source url"), List.of("target url")),
                    Map.of(Role.SOURCE_URL, List.of("source url"), Role.TITLE, List.of("source page title"),
                            Role.TARGET_URL, List.of("target url"), Role.ANCHOR, List.of("anchor"),
                            Role.NOFOLLOW, List.of("no follow", "nofollow"), Role.FIRST_SEEN, List.of("first seen"),
                            Role.LAST_SEEN, List.of("last seen")),
                    List.of(new Metric(List.of("page authority score"), "semrush_page_ascore", true),
                            new Metric(List.of("toxic score"), "semrush_toxic_score", true),
                            new Metric(List.of("domain authority score"), "semrush_ascore", false))),
            new Report("semrush-backlinks", Tool.SEMRUSH, "Backlink Analytics > Backlinks", Level.PAGE_LINK,
                    List.of(List.of("page ascore"), List.of("source url"), List.of("target url")),
                    Map.of(Role.SOURCE_URL, List.of("source url"), Role.TITLE, List.of("source title"),
                            Role.TARGET_URL, List.of("target url"), Role.ANCHOR, List.of("anchor"),
                            Role.NOFOLLOW, List.of("nofollow"), Role.UGC, List.of("ugc"),
                            Role.SPONSORED, List.of("sponsored"), Role.FIRST_SEEN, List.of("first seen"),
                            Role.LAST_SEEN, List.of("last seen"), Role.LOST_FLAG, List.of("lost link")),
                    List.of(new Metric(List.of("page ascore"), "semrush_page_ascore", true))),
            new Report("semrush-referring-domains", Tool.SEMRUSH, "Backlink Analytics > Referring Domains",
                    Level.DOMAIN, List.of(List.of("domain ascore"), List.of("domain"), List.of("backlinks")),
                    Map.of(Role.SOURCE_DOMAIN, List.of("domain"), Role.FIRST_SEEN, List.of("first seen"),
                            Role.LAST_SEEN, List.of("last seen")),
                    List.of(new Metric(List.of("domain ascore"), "semrush_ascore", false))),
            new Report("majestic-backlinks", Tool.MAJESTIC, "Site Explorer > Backlinks > Download / Advanced Report",
                    Level.PAGE_LINK,
                    List.of(List.of("source url", "sourceurl"), List.of("target url", "targeturl"),
                            List.of("anchor text", "anchortext", "source trust flow", "sourcetrustflow",
                                    "flag nofollow", "flagnofollow")),
                    Map.of(Role.SOURCE_URL, List.of("source url", "sourceurl"),
                            Role.TARGET_URL, List.of("target url", "targeturl"),
                            Role.ANCHOR, List.of("anchor text", "anchortext"),
                            Role.NOFOLLOW, List.of("flag nofollow", "flagnofollow"),
                            Role.FIRST_SEEN, List.of("first indexed date", "link first indexed date",
                                    "firstindexeddate"),
                            Role.LAST_SEEN, List.of("last seen date", "lastseendate"),
                            Role.LOST_DATE, List.of("date lost", "datelost"),
                            Role.LOST_FLAG, List.of("flag deleted", "flagdeleted")),
                    List.of(new Metric(List.of("source trust flow", "sourcetrustflow"), "majestic_page_tf", true),
                            new Metric(List.of("source citation flow", "sourcecitationflow"), "majestic_page_cf",
                                    true),
                            new Metric(List.of("domain trust flow", "domaintrustflow"), "majestic_tf", false),
                            new Metric(List.of("domain citation flow", "domaincitationflow"), "majestic_cf",
                                    false))),
            new Report("gsc-latest-links", Tool.GSC, "Links > External links > Export > Latest links",
                    Level.PAGE_ONLY, List.of(List.of("linking page"), List.of("last crawled")),
                    Map.of(Role.SOURCE_URL, List.of("linking page"), Role.LAST_SEEN, List.of("last crawled")),
                    List.of()),
            new Report("gsc-top-linking-sites", Tool.GSC, "Links > Top linking sites > Export", Level.DOMAIN,
                    List.of(List.of("site"), List.of("linking pages")),
                    Map.of(Role.SOURCE_DOMAIN, List.of("site")),
                    List.of(new Metric(List.of("linking pages"), "gsc_linking_pages", false),
                            new Metric(List.of("target pages"), "gsc_target_pages", false))),
            new Report("gsc-top-linked-pages", Tool.GSC, "Links > Top linked pages > Export", Level.OWN_PAGES,
                    List.of(List.of("target page"), List.of("incoming links")), Map.of(), List.of()),
            new Report("gsc-more-sample-links", Tool.GSC, "Links > External links > Export > More sample links",
                    Level.PAGE_ONLY, List.of(List.of("linking page")),
                    Map.of(Role.SOURCE_URL, List.of("linking page")), List.of()));

    private static Map<Role, List<String>> ahrefsLinkColumns() {
        Map<Role, List<String>> m = new LinkedHashMap<>();
        m.put(Role.SOURCE_URL, List.of("referring page url", "ref. page url"));
        m.put(Role.TITLE, List.of("referring page title"));
        m.put(Role.TARGET_URL, List.of("target url", "link url"));
        m.put(Role.ANCHOR, List.of("anchor", "link anchor"));
        m.put(Role.NOFOLLOW, List.of("nofollow"));
        m.put(Role.UGC, List.of("ugc"));
        m.put(Role.SPONSORED, List.of("sponsored"));
        m.put(Role.LINK_TYPE, List.of("type", "backlink type"));
        m.put(Role.FIRST_SEEN, AHREFS_DATES_FIRST);
        m.put(Role.LAST_SEEN, List.of("last seen", "last check"));
        m.put(Role.LOST_DATE, List.of("lost", "day lost"));
        return m;
    }

    private static List<Metric> ahrefsMetrics() {
        return List.of(new Metric(List.of("ur", "url rating (desc)", "url rating"), "ahrefs_ur", true),
                new Metric(List.of("domain rating", "dr"), "ahrefs_dr", false));
    }

    /** True for the name of a backlink tool's metric ({@code ahrefs_dr}, {@code semrush_page_ascore}, ...). */
    public static boolean isToolMetric(String name) {
        for (Report r : REPORTS) {
            for (Metric m : r.metrics()) {
                if (m.metric().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The header in English lower case: localised names replaced (see {@link #LOCALISED}). */
    static List<String> canonical(List<String> header) {
        List<String> out = new ArrayList<>(header.size());
        for (String h : header) {
            String l = h.toLowerCase(Locale.ROOT);
            out.add(LOCALISED.getOrDefault(l, l));
        }
        return out;
    }

    /** The report a CSV header (names as written or lower case) belongs to, or {@code null}. */
    public static Report detect(List<String> header) {
        List<String> h = canonical(header);
        for (Report r : REPORTS) {
            if (r.matches(h)) {
                return r;
            }
        }
        return null;
    }
}
