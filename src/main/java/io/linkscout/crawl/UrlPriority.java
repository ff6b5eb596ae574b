package io.linkscout.crawl;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scores frontier URLs so that the few requests a site gets go to the pages that tell the most about it for
 * link building. A URL's score is the highest of the categories its path or its anchor text matches:
 * <pre>
 *   100  home page (path "/")
 *    90  contact        contact, contact-us, get-in-touch, kontakt      | anchor "contact (us)", "get in touch"
 *    85  about          about, about-us, team, who-we-are, our-story    | anchor "about (us)", "our team"
 *    80  write for us   write-for-us, contribute, guest-post(s|ing), guidelines, submit, submissions,
 *                       become-a-contributor, advertise                 | anchor with "write for us", "guest post",
 *                                                                         "contribute", "guidelines", "submit"
 *    70  resources      resources, links, useful-links, partners, blogroll, recommended
 *    40..60  sitemap URL: 60 minus its recency rank in the site's sitemaps (newest lastmod first), at least 40
 *    other   45 - 5 x depth - number of path segments (at least 1)
 * </pre>
 * Ties go to the shallower URL, then to the URL in alphabetical order. Pages beyond {@code --max-depth} links
 * from a seed are never queued (sitemap URLs count as depth 1).
 */
public final class UrlPriority {

    private UrlPriority() {
    }

    private record Category(int score, Pattern path, Pattern anchor) {
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category(90, seg("contact|contact-us|contactus|contact_us|kontakt|contacto|get-in-touch"),
                    Pattern.compile("^(contact( us)?|get in touch)$", Pattern.CASE_INSENSITIVE)),
            new Category(85, seg("about|about-us|aboutus|about_us|team|our-team|who-we-are|our-story"),
                    Pattern.compile("^(about( us)?|our team|who we are)$", Pattern.CASE_INSENSITIVE)),
            new Category(80, seg("write-for-us|writeforus|write-for-me|contribute|contributors?|guest-posts?|"
                    + "guest-posting|guest-blogging|guidelines|submission-guidelines|editorial-guidelines|submit|"
                    + "submissions|become-a-contributor|advertise|advertising"),
                    Pattern.compile("write for us|guest post|contribut|guidelines|submit|advertise",
                            Pattern.CASE_INSENSITIVE)),
            new Category(70, seg("resources|links|useful-links|partners|blogroll|recommended|tools"),
                    Pattern.compile("^(resources|useful links|links|partners|blogroll)$", Pattern.CASE_INSENSITIVE)));

    private static Pattern seg(String alternatives) {
        return Pattern.compile("(?:^|/)(?:" + alternatives + ")(?:\\.html?|\\.php)?(?:/|$)", Pattern.CASE_INSENSITIVE);
    }

    /** Score of a link found on a page at {@code depth - 1} (so the URL itself is at {@code depth}). */
    public static int link(String url, String anchor, int depth) {
        String path = path(url);
        if (path.equals("/") || path.isEmpty()) {
            return 100;
        }
        int best = category(path, anchor == null ? "" : anchor.strip());
        if (best > 0) {
            return best;
        }
        int segments = (int) path.chars().filter(c -> c == '/').count();
        return Math.max(1, 45 - 5 * depth - segments);
    }

    /** Score of a sitemap URL given its recency rank (0 = newest lastmod); a well-known page keeps its own score. */
    public static int sitemap(String url, int recencyRank) {
        String path = path(url);
        if (path.equals("/") || path.isEmpty()) {
            return 100;
        }
        int c = category(path, "");
        return c > 0 ? c : Math.max(40, 60 - recencyRank);
    }

    private static int category(String path, String anchor) {
        for (Category c : CATEGORIES) {
            if (c.path().matcher(path).find() || (!anchor.isEmpty() && c.anchor().matcher(anchor).find())) {
                return c.score();
            }
        }
        return 0;
    }

    private static String path(String url) {
        try {
            String p = URI.create(url).getRawPath();
            return p == null ? "" : p.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
