package io.linkscout.index;

import io.linkscout.url.LinkResolver;
import io.linkscout.url.LinkResolver.Match;
import io.linkscout.url.LinkResolver.Unresolved;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the links of an index joined to indexed pages (see {@link LinkResolver}), as kept in the commit's user
 * data and printed after {@code ingest} and by {@code stats}.
 *
 * @param exact          links whose URL is an indexed page's URL
 * @param variant        joined up to scheme, {@code www.}, trailing slash, {@code index.html}
 * @param loose          joined up to {@code .html}, path case or a query the host does not use
 * @param slug           joined by a unique slug of the host (or site), with a compatible date
 * @param crossSite      resolved links that go to a page of another registrable domain
 * @param siteNotIndexed unresolved: no page of the target's registrable domain is indexed
 * @param homePage       unresolved: the home page of an indexed site, not ingested
 * @param listing        unresolved: a tag, category, archive, pagination, author or feed page, not ingested
 * @param otherPage      unresolved: another page of an indexed site, not ingested
 * @param ambiguous      unresolved: the link's variant, loose or slug key names several pages
 */
public record LinkJoin(long exact, long variant, long loose, long slug, long crossSite, long siteNotIndexed,
        long homePage, long listing, long otherPage, long ambiguous) {

    private static final String PREFIX = "linkscout.stats.join.";
    private static final String[] KEYS = {"exact", "variant", "loose", "slug", "cross_site", "site_not_indexed",
        "home_page", "listing", "other_page", "ambiguous"};

    static LinkJoin of(LinkResolver.Tally t) {
        return new LinkJoin(t.matched(Match.EXACT), t.matched(Match.VARIANT), t.matched(Match.LOOSE),
                t.matched(Match.SLUG), t.crossSite(), t.unresolved(Unresolved.SITE_NOT_INDEXED),
                t.unresolved(Unresolved.HOME_PAGE), t.unresolved(Unresolved.LISTING),
                t.unresolved(Unresolved.OTHER_PAGE), t.unresolved(Unresolved.AMBIGUOUS));
    }

    private long[] values() {
        return new long[] {exact, variant, loose, slug, crossSite, siteNotIndexed, homePage, listing, otherPage,
            ambiguous};
    }

    /** The commit user-data entries. */
    Map<String, String> userData() {
        Map<String, String> m = new LinkedHashMap<>();
        long[] v = values();
        for (int i = 0; i < KEYS.length; i++) {
            m.put(PREFIX + KEYS[i], Long.toString(v[i]));
        }
        return m;
    }

    /** Reads the counts back; an index written before they existed gives {@code null}. */
    static LinkJoin fromUserData(Map<String, String> userData) {
        if (!userData.containsKey(PREFIX + KEYS[0])) {
            return null;
        }
        long[] v = new long[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            v[i] = IndexStats.get(userData, PREFIX + KEYS[i]);
        }
        return new LinkJoin(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    public long resolved() {
        return exact + variant + loose + slug;
    }

    public long unresolved() {
        return siteNotIndexed + homePage + listing + otherPage + ambiguous;
    }

    /** Two report lines: what resolved, and why the rest did not. */
    public String toText() {
        return String.format(Locale.ROOT,
                "resolved to an indexed page: %d (exact %d, variant %d, loose %d, slug %d; to another site %d)%n"
                        + "unresolved: %d (site not indexed %d; on an indexed site, not ingested: home page %d, "
                        + "tag/archive/feed %d, other page %d; ambiguous %d)",
                resolved(), exact, variant, loose, slug, crossSite, unresolved(), siteNotIndexed, homePage, listing,
                otherPage, ambiguous);
    }
}
