package io.linkscout.ingest;

import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outreach contacts of a page: visible e-mail addresses (including common obfuscations), links to the site's
 * contact page, and social-profile links. Stateless; used by {@link HtmlExtractor}.
 *
 * <ul>
 * <li>Visible e-mails: in the page's whole body text (footers included, entities already decoded by jsoup),
 * after de-obfuscation: {@code [at] (at) {at} <at>} (any case, spaces around allowed) become {@code @},
 * {@code [dot] (dot) {dot} <dot>} become {@code .}, and the upper-case words {@code AT} / {@code DOT} between
 * spaces are read the same way ("jane AT example DOT com"). Addresses whose last label is a file extension
 * ({@code png jpg gif svg webp css js}) are dropped (image@2x.png).</li>
 * <li>Contact pages: the page itself and its links on the same registrable domain whose path has a segment
 * {@code contact contact-us contactus contact_us kontakt contacto get-in-touch} (an {@code .html}/{@code .php}
 * suffix allowed), or whose anchor is "contact", "contact us" or "get in touch".</li>
 * <li>Social profiles: links to a profile (not a share or intent link) on twitter.com/x.com, facebook.com,
 * instagram.com, linkedin.com ({@code /in/ /company/ /school/}), youtube.com ({@code /@ /c/ /channel/ /user/}),
 * github.com (one path segment), pinterest.com, tiktok.com/@, threads.net/@, bsky.app/profile/, medium.com/@,
 * and Mastodon-style {@code https://host/@user} profiles on any other host. Query strings are dropped.</li>
 * </ul>
 * Results are lower-cased (e-mails) or normalised (URLs), unique and sorted.
 */
public final class ContactExtractor {

    private ContactExtractor() {
    }

    private static final Pattern AT = Pattern.compile(
            "\\s*(?i:\\[\\s*(?:at|@)\\s*]|\\(\\s*(?:at|@)\\s*\\)|\\{\\s*(?:at|@)\\s*}|<\\s*(?:at|@)\\s*>)\\s*"
                    + "|\\s+AT\\s+");
    private static final Pattern DOT = Pattern.compile(
            "\\s*(?i:\\[\\s*(?:dot|\\.)\\s*]|\\(\\s*(?:dot|\\.)\\s*\\)|\\{\\s*(?:dot|\\.)\\s*}|<\\s*(?:dot|\\.)\\s*>)\\s*"
                    + "|\\s+DOT\\s+");
    private static final Pattern VISIBLE_EMAIL = Pattern.compile(
            "(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                    + "\\.[a-z]{2,24}(?![a-z0-9-])",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> FILE_TLDS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js");

    private static final Pattern CONTACT_SEGMENT = Pattern.compile(
            "(?:^|/)(?:contact|contact-us|contactus|contact_us|kontakt|contacto|get-in-touch)(?:\\.html?|\\.php)?(?:/|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTACT_ANCHOR = Pattern.compile("^(?:contact(?: us)?|get in touch)$",
            Pattern.CASE_INSENSITIVE);

    /** Replaces the common obfuscations of {@code @} and {@code .} (see the class comment). */
    public static String deobfuscate(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = AT.matcher(text).replaceAll("@");
        s = DOT.matcher(s).replaceAll(".");
        return s;
    }

    /** E-mail addresses written in visible text (after {@link #deobfuscate}), lower case, sorted, unique. */
    public static List<String> visibleEmails(String text) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = VISIBLE_EMAIL.matcher(deobfuscate(text));
        while (m.find()) {
            String e = m.group().toLowerCase(Locale.ROOT);
            while (e.endsWith(".")) {
                e = e.substring(0, e.length() - 1);
            }
            String tld = e.substring(e.lastIndexOf('.') + 1);
            if (FILE_TLDS.contains(tld)) {
                continue;
            }
            out.addAll(HtmlExtractor.mailtoAddresses(e));
        }
        return new ArrayList<>(out);
    }

    /** Contact-page URLs: the page itself and same-site links (see the class comment). */
    public static List<String> contactUrls(String pageUrl, List<Link> links) {
        TreeSet<String> out = new TreeSet<>();
        String page = UrlNormalizer.normalize(pageUrl);
        String domain = domain(page);
        if (page != null && isContactPath(page)) {
            out.add(page);
        }
        for (Link l : links) {
            if (domain == null || !domain.equals(domain(l.url()))) {
                continue;
            }
            if (isContactPath(l.url()) || CONTACT_ANCHOR.matcher(l.anchor().strip()).matches()) {
                out.add(l.url());
            }
        }
        return new ArrayList<>(out);
    }

    static boolean isContactPath(String url) {
        // most links name no contact word anywhere: they need no URI parse (the path is part of the address, and
        // the pattern's words, matched ignoring ASCII case, are in the lower-cased address wherever they match)
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.contains("contact") && !lower.contains("kontakt") && !lower.contains("get-in-touch")) {
            return false;
        }
        try {
            String path = URI.create(url).getRawPath();
            return path != null && CONTACT_SEGMENT.matcher(path).find();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String domain(String url) {
        if (url == null) {
            return null;
        }
        return Domains.registrableDomain(UrlNormalizer.host(url));
    }

    private static final Set<String> TWITTER_RESERVED = Set.of("intent", "share", "home", "search", "hashtag", "i",
            "login", "signup", "explore", "settings", "notifications", "messages", "tos", "privacy");
    private static final Set<String> FACEBOOK_RESERVED = Set.of("sharer", "sharer.php", "share", "share.php",
            "dialog", "plugins", "login", "login.php", "tr", "events", "groups", "watch", "hashtag", "policies");
    private static final Set<String> INSTAGRAM_RESERVED = Set.of("p", "reel", "reels", "explore", "accounts",
            "stories", "tv");
    private static final Set<String> GITHUB_RESERVED = Set.of("features", "about", "pricing", "login", "join",
            "sponsors", "topics", "trending", "collections", "marketplace", "explore", "settings", "orgs",
            "search", "site", "security", "enterprise", "team", "customer-stories", "readme");
    private static final Set<String> PINTEREST_RESERVED = Set.of("pin", "search", "ideas", "today");

    /** Social-profile links among {@code links} (see the class comment), normalised without query, sorted. */
    public static List<String> socialProfiles(List<Link> links) {
        TreeSet<String> out = new TreeSet<>();
        for (Link l : links) {
            String p = socialProfile(l.url());
            if (p != null) {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    /** Hosts with profile rules of their own (after "www.", "m.", "mobile." are stripped); see the switch below. */
    private static final List<String> SOCIAL_HOSTS = List.of("twitter.com", "x.com", "facebook.com", "fb.com",
            "instagram.com", "linkedin.com", "youtube.com", "github.com", "pinterest.com", "tiktok.com",
            "threads.net", "medium.com", "bsky.app");
    private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");
    private static final Pattern SLASHES = Pattern.compile("/+");
    private static final Pattern TWITTER_NAME = Pattern.compile("[a-z0-9_]{1,15}");
    private static final Pattern FEDIVERSE_NAME = Pattern.compile("@[a-z0-9_]{1,30}");

    /**
     * Whether {@link #socialProfile} can return a profile for {@code url}: its lower-cased text names one of the
     * {@link #SOCIAL_HOSTS} or holds an '@' (every other host needs a "@name" path). A cheap test that skips parsing
     * the URL of most links (at ingest every link of every page is checked); it never rejects a profile.
     */
    private static boolean maybeProfile(String url) {
        if (url.indexOf('@') >= 0) {
            return true;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        for (String h : SOCIAL_HOSTS) {
            if (lower.contains(h)) {
                return true;
            }
        }
        return false;
    }

    /** The profile URL a link points to, or {@code null} when it is not a social profile. */
    public static String socialProfile(String url) {
        if (!maybeProfile(url)) {
            return null;
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = u.getHost();
        String path = u.getRawPath();
        if (host == null || path == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("www.", "m.", "mobile.")) {
            if (host.startsWith(prefix)) {
                host = host.substring(prefix.length());
            }
        }
        String[] seg = SLASHES.split(EDGE_SLASHES.matcher(path).replaceAll(""));
        if (seg.length == 0 || seg[0].isEmpty()) {
            return null;
        }
        String first = seg[0].toLowerCase(Locale.ROOT);
        boolean profile = switch (host) {
            case "twitter.com", "x.com" -> seg.length == 1 && !TWITTER_RESERVED.contains(first)
                    && TWITTER_NAME.matcher(first).matches();
            case "facebook.com", "fb.com" -> (seg.length == 1 && !FACEBOOK_RESERVED.contains(first)
                    && !first.endsWith(".php")) || (first.equals("pages") && seg.length >= 2);
            case "instagram.com" -> seg.length == 1 && !INSTAGRAM_RESERVED.contains(first);
            case "linkedin.com" -> seg.length == 2 && Set.of("in", "company", "school").contains(first);
            case "youtube.com" -> (seg.length == 1 && first.startsWith("@"))
                    || (seg.length == 2 && Set.of("c", "channel", "user").contains(first));
            case "github.com" -> seg.length == 1 && !GITHUB_RESERVED.contains(first);
            case "pinterest.com" -> seg.length == 1 && !PINTEREST_RESERVED.contains(first);
            case "tiktok.com", "threads.net", "medium.com" -> seg.length == 1 && first.startsWith("@");
            case "bsky.app" -> seg.length == 2 && first.equals("profile");
            default -> seg.length == 1 && FEDIVERSE_NAME.matcher(first).matches(); // Mastodon and other fediverse servers
        };
        if (!profile) {
            return null;
        }
        return UrlNormalizer.normalize(u.getScheme() + "://" + u.getRawAuthority() + "/" + String.join("/", seg));
    }
}
