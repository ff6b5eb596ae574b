package io.linkscout.index;

import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.ToolExports;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What backlink tool exports put in an index, per tool (kept in the commit's user data, printed by {@code ingest} and
 * {@code stats}): page-level links live and lost, domain-level rows (referring domains, Search Console linking pages)
 * live and lost, and the pages known only from exports.
 *
 * @param tools per tool key, its counts
 */
public record ExportLinkCounts(Map<String, Counts> tools) {

    /** One tool's counts. */
    public record Counts(long liveLinks, long lostLinks, long domainLinks, long lostDomainLinks, long pagesOnly) {
    }

    private static final String PREFIX = "linkscout.stats.exports.";
    private static final String[] KEYS = {"live", "lost", "domain_live", "domain_lost", "pages_only"};

    static ExportLinkCounts of(Collection<PageMeta> pages, Collection<ExportLink> domainRows) {
        Map<String, long[]> c = new TreeMap<>();
        for (PageMeta m : pages) {
            for (ToolLink t : m.toolLinks.values()) {
                c.computeIfAbsent(t.tool(), k -> new long[KEYS.length])[t.lost() == null ? 0 : 1]++;
            }
            if (m.knownFrom != null) {
                for (ToolExports.Tool tool : ToolExports.Tool.values()) {
                    if (m.knownFrom.contains(tool.label())) {
                        c.computeIfAbsent(tool.key(), k -> new long[KEYS.length])[4]++;
                    }
                }
            }
        }
        for (ExportLink e : domainRows) {
            if (e.targetDomain() != null) {
                c.computeIfAbsent(e.tool(), k -> new long[KEYS.length])[e.gone() ? 3 : 2]++;
            }
        }
        Map<String, Counts> out = new TreeMap<>();
        c.forEach((k, v) -> out.put(k, new Counts(v[0], v[1], v[2], v[3], v[4])));
        return new ExportLinkCounts(out);
    }

    Map<String, String> userData() {
        Map<String, String> m = new LinkedHashMap<>();
        tools.forEach((tool, n) -> {
            long[] v = {n.liveLinks, n.lostLinks, n.domainLinks, n.lostDomainLinks, n.pagesOnly};
            for (int i = 0; i < KEYS.length; i++) {
                m.put(PREFIX + tool + "." + KEYS[i], Long.toString(v[i]));
            }
        });
        return m;
    }

    /** Reads the counts back (empty when no export was ingested). */
    public static ExportLinkCounts fromUserData(Map<String, String> userData) {
        Map<String, Counts> out = new TreeMap<>();
        for (ToolExports.Tool tool : ToolExports.Tool.values()) {
            String p = PREFIX + tool.key() + ".";
            if (userData.containsKey(p + KEYS[0])) {
                long[] v = new long[KEYS.length];
                for (int i = 0; i < KEYS.length; i++) {
                    v[i] = IndexStats.get(userData, p + KEYS[i]);
                }
                out.put(tool.key(), new Counts(v[0], v[1], v[2], v[3], v[4]));
            }
        }
        return new ExportLinkCounts(out);
    }

    /** One line per tool, e.g. {@code Ahrefs: 3 live links, 4 lost (kept, not in the graphs), ...}; empty if none. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        tools.forEach((tool, n) -> sb.append(String.format(Locale.ROOT,
                "%s export: %d live link(s), %d lost (kept, not in the graphs); domain-level %d live, %d lost; "
                        + "%d page(s) known only from it%n",
                ToolExports.Tool.of(tool).label(), n.liveLinks, n.lostLinks, n.domainLinks, n.lostDomainLinks,
                n.pagesOnly)));
        return sb.toString().stripTrailing();
    }
}
