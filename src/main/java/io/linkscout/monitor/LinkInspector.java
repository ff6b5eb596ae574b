package io.linkscout.monitor;

import io.linkscout.crawl.PoliteFetcher;
import io.linkscout.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Judges a fetched linking page (pure: no database, no network): is the page live, is a link to the target on it,
 * its rel and anchor, the redirect, noindex (meta robots / googlebot and {@code X-Robots-Tag}), and the flag with its
 * evidence.
 */
public final class LinkInspector {

    /** What one check found. {@code rel}: {@code follow}, or the withholding tokens (nofollow ugc sponsored). */
    public record Finding(String outcome, boolean live, boolean linkPresent, String rel, String anchor,
            Integer httpStatus, String redirectUrl, boolean noindex, String noindexSource, LinkFlag flag,
            String evidence) {
    }

    private static final List<String> WITHHOLDING = List.of("nofollow", "ugc", "sponsored");

    private LinkInspector() {
    }

    /**
     * @param target a normalised URL (the link must point to that page, up to http/https, a leading www. and a
     *               trailing slash) or a host/domain (any page of it or of its subdomains)
     */
    public static Finding inspect(PoliteFetcher.Page page, String target) {
        Integer status = page.status() < 0 ? null : page.status();
        String redirect = page.redirected() ? page.finalUrl() : null;
        String via = redirect == null ? "" : " (redirected from " + page.url() + ")";
        if (page.outcome().equals("dns")) {
            return new Finding(page.outcome(), false, false, null, null, status, redirect, false, null,
                    LinkFlag.PAGE_GONE, "the page's host does not resolve: " + page.message() + via);
        }
        if (page.outcome().equals("http") && (page.status() == 404 || page.status() == 410)) {
            return new Finding(page.outcome(), false, false, null, null, status, redirect, false, null,
                    LinkFlag.PAGE_GONE, page.message() + " at " + page.finalUrl() + via);
        }
        if (!page.outcome().equals("ok")) {
            return new Finding(page.outcome(), false, false, null, null, status, redirect, false, null, null,
                    "not judged: " + page.message() + via + "; checked again on the next run");
        }
        Document doc = Jsoup.parse(page.html(), page.finalUrl());
        Set<String> pageRobots = new LinkedHashSet<>();
        List<String> noindexFrom = new ArrayList<>();
        List<String> nofollowFrom = new ArrayList<>();
        for (Element m : doc.select("meta[name][content]")) {
            String name = m.attr("name").strip().toLowerCase(Locale.ROOT);
            if (name.equals("robots") || name.equals("googlebot")) {
                Set<String> tokens = tokens(m.attr("content"));
                pageRobots.addAll(tokens);
                String src = "<meta name=\"" + name + "\" content=\"" + m.attr("content").strip() + "\">";
                if (tokens.contains("noindex") || tokens.contains("none")) {
                    noindexFrom.add(src);
                }
                if (tokens.contains("nofollow") || tokens.contains("none")) {
                    nofollowFrom.add(src);
                }
            }
        }
        for (String v : page.headers("X-Robots-Tag")) {
            String directives = v;
            int colon = v.indexOf(':');
            if (colon > 0 && !v.substring(0, colon).contains(",")) {
                String agent = v.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (!agent.equals("unavailable_after")) {
                    if (!agent.equals("googlebot") && !agent.equals("robots")) {
                        continue; // directives for another crawler
                    }
                    directives = v.substring(colon + 1);
                }
            }
            Set<String> tokens = tokens(directives);
            if (tokens.contains("noindex") || tokens.contains("none")) {
                noindexFrom.add("X-Robots-Tag: " + v.strip());
            }
            if (tokens.contains("nofollow") || tokens.contains("none")) {
                nofollowFrom.add("X-Robots-Tag: " + v.strip());
            }
        }
        boolean noindex = !noindexFrom.isEmpty();
        String noindexSource = noindex ? cut(String.join("; ", noindexFrom), 500) : null;

        Element best = null;
        boolean bestFollowed = false;
        int links = 0;
        for (Element a : doc.select("a[href], area[href]")) {
            links++;
            String href = UrlNormalizer.normalize(a.absUrl("href"));
            if (href == null || !matches(href, target)) {
                continue;
            }
            boolean followed = withholding(a).isEmpty();
            if (best == null || followed && !bestFollowed) {
                best = a;
                bestFollowed = followed;
            }
        }
        if (best == null) {
            return new Finding("ok", true, false, null, null, status, redirect, noindex, noindexSource,
                    LinkFlag.LINK_LOST, "no link to " + target + " among the " + links + " links of " + page.finalUrl()
                            + " (HTTP " + page.status() + ")" + via);
        }
        List<String> rel = withholding(best);
        if (!nofollowFrom.isEmpty() && !rel.contains("nofollow")) {
            rel = new ArrayList<>(rel);
            rel.addFirst("nofollow");
        }
        String anchor = anchor(best);
        String element = cut(best.outerHtml().replaceAll("\\s+", " "), 600);
        if (rel.isEmpty()) {
            return new Finding("ok", true, true, "follow", anchor, status, redirect, noindex, noindexSource, null,
                    "followed link: " + element);
        }
        String evidence = (withholding(best).isEmpty() ? "" : "rel=\"" + best.attr("rel").strip() + "\" on ")
                + element + (nofollowFrom.isEmpty() ? "" : "; page-level nofollow: " + String.join("; ", nofollowFrom));
        return new Finding("ok", true, true, String.join(" ", rel), anchor, status, redirect, noindex, noindexSource,
                LinkFlag.LINK_NOFOLLOW, cut(evidence, 4000));
    }

    /** Whether a normalised link URL points to the target (a URL, or a host/domain and its subdomains). */
    static boolean matches(String href, String target) {
        if (target.contains("://")) {
            return key(href).equals(key(target));
        }
        String host = UrlNormalizer.host(href);
        if (host == null) {
            return false;
        }
        String t = target.startsWith("www.") ? target.substring(4) : target;
        return host.equals(t) || host.endsWith("." + t);
    }

    /** A URL up to its scheme, a leading www. and a trailing slash. */
    private static String key(String url) {
        String u = url.substring(url.indexOf("://") + 3);
        if (u.startsWith("www.")) {
            u = u.substring(4);
        }
        int q = u.indexOf('?');
        String path = q < 0 ? u : u.substring(0, q);
        String query = q < 0 ? "" : u.substring(q);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + query;
    }

    private static List<String> withholding(Element a) {
        Set<String> rel = tokens(a.attr("rel").replace(',', ' '));
        return WITHHOLDING.stream().filter(rel::contains).toList();
    }

    private static Set<String> tokens(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : s.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return out;
    }

    private static String anchor(Element a) {
        String text = a.text().strip();
        if (text.isEmpty()) {
            Element img = a.selectFirst("img[alt]");
            text = img == null ? (a.hasAttr("alt") ? a.attr("alt").strip() : "") : "[image: " + img.attr("alt").strip()
                    + "]";
        }
        return text.isEmpty() ? null : cut(text, 1000);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
