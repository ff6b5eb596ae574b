package io.linkscout.url;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins link targets to indexed pages when the link names the page by another of its real-world URLs.
 *
 * <p>Built once per ingest from the (normalised, see {@link UrlNormalizer}) URLs of every indexed page; then
 * {@link #resolve(String)} maps a normalised link URL to the ordinal of the page it names, trying in order:
 * <ol>
 * <li>{@link Match#EXACT}: the URL is a page's URL;</li>
 * <li>{@link Match#VARIANT}: same page up to scheme ({@code http}/{@code https}), a leading {@code www.},
 * a trailing slash, a final {@code index.html}/{@code index.htm}/{@code index.php}/{@code index.md} and doubled
 * slashes;</li>
 * <li>{@link Match#LOOSE}: additionally up to a {@code .html}/{@code .htm} suffix of the last segment, or
 * {@code .md} (a Markdown source link, which site generators rewrite to the page), and the
 * letter case of the path (never of the query), or without the query when no indexed page of that host has
 * one (the host identifies its pages by path alone);</li>
 * <li>{@link Match#SLUG}: the last path segment (lower case, without {@code .html} and a {@code YYYY-MM-DD-}
 * date prefix) names exactly one page of that host — or, when the link's host has no indexed page, of its
 * registrable domain — whose date, when both URLs carry one ({@code /YYYY/MM/DD/}, {@code /YYYY/MM/} or the
 * prefix), is the same year and month. A slug of one word ({@code -}/{@code _} separate words;
 * {@code go1.5} is one) is not distinctive: it counts only with its parent segment ({@code release/v20.19.0}
 * matches {@code /en/blog/release/v20.19.0/}, {@code doc/go1.5} does not match {@code blog/go1.5}). Another host of the site counts only between the
 * site's apex and a subdomain ({@code example.com/blog/x} → {@code blog.example.com/x}), never between two
 * named subdomains ({@code docs.} and {@code blog.}).</li>
 * </ol>
 * A key shared by several pages never joins: the link is unresolved, counted as {@link Unresolved#AMBIGUOUS}
 * (unless an earlier, stricter step matched). Other unresolved links are classified by why: the site (registrable
 * domain) has no indexed page; the link names the home page, a listing page (tags, categories, archives,
 * pagination, authors, feeds) or another page of an indexed site that was not ingested.
 *
 * <p>Immutable after construction, so {@link #resolve} may be called from several threads.
 */
public final class LinkResolver {

    /** How a resolved link was joined. */
    public enum Match { EXACT, VARIANT, LOOSE, SLUG }

    /** Why a link was not joined. */
    public enum Unresolved { SITE_NOT_INDEXED, HOME_PAGE, LISTING, OTHER_PAGE, AMBIGUOUS }

    /** A link's outcome: {@code page >= 0} with {@code match}, or {@code page < 0} with {@code reason}. */
    public record Resolution(int page, Match match, Unresolved reason) {
        public boolean resolved() {
            return page >= 0;
        }
    }

    private static final int AMBIGUOUS = -2;
    private static final Pattern DATE_PATH = Pattern.compile("/((?:19|20)\\d\\d)/(\\d{1,2})(?:/(\\d{1,2}))?/");
    private static final Pattern DATE_PREFIX = Pattern.compile("^((?:19|20)\\d\\d)-(\\d\\d)(?:-(\\d\\d))?-");
    private static final Pattern LISTING = Pattern.compile(
            "(?i)/(tags?|categor(y|ies)|archives?|page|authors?|topics?|series|labels?|feeds?|rss|atom|search)"
                    + "(/|\\.|$)|\\.(xml|rss|atom)$|/\\d+/?$");

    private final String[] urls;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> variant = new HashMap<>();
    private final Map<String, Integer> loose = new HashMap<>();
    private final Map<String, int[]> slugByHost = new HashMap<>();
    private final Map<String, int[]> slugByDomain = new HashMap<>();
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> domains = new HashSet<>();
    private final Set<String> hostsWithQuery = new HashSet<>();
    private final String[] pageDates;
    /** host of each page, without {@code www.} */
    private final String[] pageHosts;

    /**
     * @param urls  normalised URLs of the indexed pages; a page's ordinal is its position
     * @param exact the ordinal of each URL (as built by the caller), or {@code null} to build it here
     */
    public LinkResolver(String[] urls, Map<String, Integer> exact) {
        this.urls = urls;
        if (exact == null) {
            exact = new HashMap<>(urls.length * 2);
            for (int i = 0; i < urls.length; i++) {
                exact.put(urls[i], i);
            }
        }
        this.exact = exact;
        this.pageDates = new String[urls.length];
        this.pageHosts = new String[urls.length];
        Map<String, List<Integer>> byHost = new HashMap<>();
        Map<String, List<Integer>> byDomain = new HashMap<>();
        for (int i = 0; i < urls.length; i++) {
            Parts p = Parts.of(urls[i]);
            if (p == null) {
                continue;
            }
            hosts.add(p.host);
            pageHosts[i] = p.host;
            String domain = Domains.registrableDomain(p.host);
            domains.add(domain);
            if (p.query != null) {
                hostsWithQuery.add(p.host);
            }
            put(variant, p.variantKey(), i);
            put(loose, p.looseKey(), i);
            pageDates[i] = date(p.path);
            String slug = slug(p.path);
            if (slug != null) {
                byHost.computeIfAbsent(p.host + "|" + slug, k -> new ArrayList<>(1)).add(i);
                byDomain.computeIfAbsent(domain + "|" + slug, k -> new ArrayList<>(1)).add(i);
            }
        }
        byHost.forEach((k, v) -> slugByHost.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        byDomain.forEach((k, v) -> slugByDomain.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static void put(Map<String, Integer> map, String key, int page) {
        Integer prev = map.putIfAbsent(key, page);
        if (prev != null && prev != page) {
            map.put(key, AMBIGUOUS);
        }
    }

    /** The ordinal of the page a normalised link URL names, or -1. */
    public int page(String url) {
        return resolve(url).page();
    }

    /** Joins a normalised link URL to an indexed page, or says why it cannot. */
    public Resolution resolve(String url) {
        Integer e = exact.get(url);
        if (e != null) {
            return new Resolution(e, Match.EXACT, null);
        }
        Parts p = Parts.of(url);
        if (p == null) {
            return new Resolution(-1, null, Unresolved.OTHER_PAGE);
        }
        String domain = hosts.contains(p.host) ? null : Domains.registrableDomain(p.host);
        if (domain != null && !domains.contains(domain)) {
            return new Resolution(-1, null, Unresolved.SITE_NOT_INDEXED);
        }
        boolean ambiguous = false;
        Integer v = variant.get(p.variantKey());
        if (v != null && v >= 0) {
            return new Resolution(v, Match.VARIANT, null);
        }
        ambiguous |= v != null;
        Integer l = loose.get(p.looseKey());
        if (l == null && p.query != null && !hostsWithQuery.contains(p.host)) {
            Parts noQuery = new Parts(p.host, p.path, null);
            l = variant.get(noQuery.variantKey());
            if (l == null || l < 0) {
                l = loose.get(noQuery.looseKey());
            }
        }
        if (l != null && l >= 0) {
            return new Resolution(l, Match.LOOSE, null);
        }
        ambiguous |= l != null;
        if (!ambiguous && p.query == null) {
            String slug = slug(p.path);
            if (slug != null) {
                int[] cands = domain == null ? slugByHost.get(p.host + "|" + slug)
                        : apexOrSubdomain(slugByDomain.get(domain + "|" + slug), p.host, domain);
                if (cands != null && cands.length > 0) {
                    int s = pickByDate(cands, date(p.path));
                    if (s >= 0) {
                        return new Resolution(s, Match.SLUG, null);
                    }
                    ambiguous |= s == AMBIGUOUS;
                }
            }
        }
        if (ambiguous) {
            return new Resolution(-1, null, Unresolved.AMBIGUOUS);
        }
        String path = p.variantPath();
        if (path.isEmpty()) {
            return new Resolution(-1, null, Unresolved.HOME_PAGE);
        }
        if (LISTING.matcher(path).find()) {
            return new Resolution(-1, null, Unresolved.LISTING);
        }
        return new Resolution(-1, null, Unresolved.OTHER_PAGE);
    }

    /**
     * Of the pages of another host of the same site, those a moved page plausibly went to: from the site's
     * apex to a subdomain or back ({@code example.com/blog/x} to {@code blog.example.com/x}), never between two
     * named subdomains ({@code docs.example.com} is not {@code blog.example.com}).
     */
    private int[] apexOrSubdomain(int[] cands, String linkHost, String domain) {
        if (cands == null || linkHost.equals(domain)) {
            return cands;
        }
        return Arrays.stream(cands).filter(c -> pageHosts[c].equals(domain)).toArray();
    }

    /**
     * The one candidate whose date agrees with the link's ({@code yyyy-mm-dd}, {@code yyyy-mm} or {@code null}):
     * candidates of another year-month are dropped; of several left, only an exact date decides.
     */
    private int pickByDate(int[] cands, String linkDate) {
        if (cands.length == 1) {
            String d = pageDates[cands[0]];
            return linkDate == null || d == null || sameMonth(d, linkDate) ? cands[0] : -1;
        }
        if (linkDate == null) {
            return AMBIGUOUS;
        }
        int found = -1;
        int exactDay = -1;
        int sameDay = 0;
        for (int c : cands) {
            String d = pageDates[c];
            if (d != null && sameMonth(d, linkDate)) {
                found = found == -1 ? c : AMBIGUOUS;
                if (d.equals(linkDate)) {
                    exactDay = c;
                    sameDay++;
                }
            }
        }
        if (found == AMBIGUOUS && linkDate.length() == 10) {
            return sameDay == 1 ? exactDay : AMBIGUOUS;
        }
        return found;
    }

    private static boolean sameMonth(String a, String b) {
        return a.regionMatches(0, b, 0, 7);
    }

    /** The URL of page {@code ordinal}. */
    public String url(int ordinal) {
        return urls[ordinal];
    }

    /** The date a path carries ({@code yyyy-mm-dd} or {@code yyyy-mm}), or {@code null}. */
    static String date(String path) {
        Matcher m = DATE_PATH.matcher(path);
        String y;
        String mo;
        String d;
        if (m.find()) {
            y = m.group(1);
            mo = m.group(2);
            d = m.group(3);
        } else {
            int slash = path.lastIndexOf('/', path.length() - 2);
            Matcher p = DATE_PREFIX.matcher(path.substring(slash + 1));
            if (!p.find()) {
                return null;
            }
            y = p.group(1);
            mo = p.group(2);
            d = p.group(3);
        }
        int month = Integer.parseInt(mo);
        if (month < 1 || month > 12) {
            return null;
        }
        String ym = y + "-" + (month < 10 ? "0" : "") + month;
        if (d == null) {
            return ym;
        }
        int day = Integer.parseInt(d);
        return day < 1 || day > 31 ? ym : ym + "-" + (day < 10 ? "0" : "") + day;
    }

    /** The distinctive last segment of a path, lower case, or {@code null} (see the class comment). */
    static String slug(String path) {
        String p = Parts.stripIndex(path);
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        int start = p.lastIndexOf('/', end - 1) + 1;
        String s = stripHtml(p.substring(start, end)).toLowerCase(Locale.ROOT);
        Matcher m = DATE_PREFIX.matcher(s);
        if (m.find()) {
            s = s.substring(m.end());
        }
        if (distinctive(s)) {
            return s;
        }
        // one word ("v20.19.0", "alerting"): only with its parent segment ("release/v20.19.0")
        int ps = start >= 2 ? p.lastIndexOf('/', start - 2) + 1 : -1;
        if (ps < 0 || s.isEmpty() || !hasLetter(s)) {
            return null;
        }
        String parent = p.substring(ps, start - 1).toLowerCase(Locale.ROOT);
        return hasLetter(parent) ? parent + "/" + s : null;
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean distinctive(String s) {
        boolean letter = false;
        int words = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if ((c == '-' || c == '_') && i > 0 && i < s.length() - 1) {
                words++;
            }
        }
        return letter && words >= 2;
    }

    private static String stripHtml(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
            return segment.substring(0, segment.length() - 5);
        }
        if (lower.endsWith(".htm")) {
            return segment.substring(0, segment.length() - 4);
        }
        if (lower.endsWith(".md")) {
            return segment.substring(0, segment.length() - 3);
        }
        return segment;
    }

    /** Host (without {@code www.}, with a port), path and query of a normalised URL. */
    private record Parts(String host, String path, String query) {

        static Parts of(String url) {
            int s = url.indexOf("://");
            if (s < 0) {
                return null;
            }
            int hs = s + 3;
            int pe = url.indexOf('/', hs);
            int q = url.indexOf('?', hs);
            int he = pe < 0 ? (q < 0 ? url.length() : q) : (q >= 0 && q < pe ? q : pe);
            String host = url.substring(hs, he).toLowerCase(Locale.ROOT);
            if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
                host = host.substring(4);
            }
            String path = q < 0 ? url.substring(he) : url.substring(he, q);
            String query = q < 0 || q == url.length() - 1 ? null : url.substring(q + 1);
            return new Parts(host, path.isEmpty() ? "/" : path, query);
        }

        static String stripIndex(String path) {
            int slash = path.lastIndexOf('/');
            String last = path.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (last.equals("index.html") || last.equals("index.htm") || last.equals("index.php")
                    || last.equals("index.md")) {
                return path.substring(0, slash + 1);
            }
            return path;
        }

        /** The path without index file, doubled and trailing slashes ("" for the home page). */
        String variantPath() {
            String p = stripIndex(path);
            if (p.contains("//")) {
                p = p.replaceAll("/{2,}", "/");
            }
            int end = p.length();
            while (end > 0 && p.charAt(end - 1) == '/') {
                end--;
            }
            return p.substring(0, end);
        }

        String variantKey() {
            return query == null ? host + variantPath() : host + variantPath() + "?" + query;
        }

        String looseKey() {
            String p = variantPath();
            int slash = p.lastIndexOf('/');
            p = p.substring(0, slash + 1) + stripHtml(p.substring(slash + 1));
            p = p.toLowerCase(Locale.ROOT);
            return query == null ? host + p : host + p + "?" + query;
        }
    }

    /** Counts of link outcomes, by match and by reason; not thread-safe. */
    public static final class Tally {
        private final long[] matched = new long[Match.values().length];
        private final long[] unresolved = new long[Unresolved.values().length];
        private long crossSite;

        /** Counts one link; {@code crossSite} when it resolved to a page of another registrable domain. */
        public void add(Resolution r, boolean crossSite) {
            if (r.resolved()) {
                matched[r.match().ordinal()]++;
                if (crossSite) {
                    this.crossSite++;
                }
            } else {
                unresolved[r.reason().ordinal()]++;
            }
        }

        public long matched(Match m) {
            return matched[m.ordinal()];
        }

        public long unresolved(Unresolved u) {
            return unresolved[u.ordinal()];
        }

        public long resolved() {
            return Arrays.stream(matched).sum();
        }

        public long unresolved() {
            return Arrays.stream(unresolved).sum();
        }

        public long crossSite() {
            return crossSite;
        }
    }
}
