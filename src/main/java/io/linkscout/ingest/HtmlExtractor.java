package io.linkscout.ingest;

import io.linkscout.url.UrlNormalizer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Extracts what LinkScout needs from an HTML page with jsoup: title, main text, outlinks with anchor text and
 * rel, {@code mailto:} addresses, canonical URL, headings and meta description. Thread-safe and stateless.
 *
 * <p>Rules:
 * <ul>
 * <li>title: {@code <title>}, else {@code og:title}, else the first {@code h1}; whitespace-collapsed.</li>
 * <li>text: the body without {@code script style nav header footer aside form noscript template svg iframe
 * button select} and without elements whose class or id has a token such as {@code menu nav sidebar cookie
 * consent breadcrumb} (tokens are split at spaces, {@code -} and {@code _}); one line per block element,
 * whitespace collapsed, empty lines dropped. When that leaves nothing, the whole body text.</li>
 * <li>links: {@code a[href]} and {@code area[href]} in document order, resolved against {@code <base href>} (itself
 * resolved against the page URL) or the page URL, normalised with {@link UrlNormalizer}; non-http(s) targets and
 * links to the page itself are dropped. Anchor: the element's text, else the {@code alt} of an image inside, else
 * {@code aria-label}, else {@code title}. Duplicates of one target are merged, see {@link #mergeLinks}.</li>
 * <li>emails: addresses of {@code mailto:} links, percent-decoded, query stripped, lower case, checked against a
 * basic pattern, unique and sorted; plus addresses written in the visible text, including obfuscated forms, see
 * {@link ContactExtractor}.</li>
 * <li>contact pages and social profiles: see {@link ContactExtractor}.</li>
 * <li>headings ({@code h1}–{@code h3}) and submission forms: see {@link PageStructure}.</li>
 * </ul>
 */
public final class HtmlExtractor {

    /**
     * What was extracted from one page.
     *
     * @param title       page title, or empty
     * @param text        main text, paragraphs separated by {@code \n}
     * @param links       outlinks, see {@link HtmlExtractor}
     * @param emails      {@code mailto:} addresses, lower case, sorted, unique
     * @param canonical   normalised {@code <link rel=canonical>} URL, or empty
     * @param headings    text of {@code h1}-{@code h3} elements in document order, non-empty ones
     * @param description meta description (or {@code og:description}), or empty
     * @param contactUrls contact-page URLs (the page itself or its links), sorted
     * @param social      social-profile URLs linked from the page, sorted
     * @param forms       submission forms (with a textarea or file upload), see {@link PageStructure#forms}
     */
    public record Extracted(String title, String text, List<Link> links, List<String> emails, String canonical,
            List<String> headings, String description, List<String> contactUrls, List<String> social,
            List<PageStructure.Form> forms) {

        public Extracted(String title, String text, List<Link> links, List<String> emails, String canonical,
                List<String> headings, String description) {
            this(title, text, links, emails, canonical, headings, description, List.of(), List.of());
        }

        public Extracted(String title, String text, List<Link> links, List<String> emails, String canonical,
                List<String> headings, String description, List<String> contactUrls, List<String> social) {
            this(title, text, links, emails, canonical, headings, description, contactUrls, social, List.of());
        }

        /** Headings and forms as carried into the index (capped, see {@link PageStructure}). */
        public PageStructure structure() {
            return new PageStructure(headings, forms);
        }

        public Extracted {
            title = title == null ? "" : title;
            text = text == null ? "" : text;
            links = links == null ? List.of() : List.copyOf(links);
            emails = emails == null ? List.of() : List.copyOf(emails);
            canonical = canonical == null ? "" : canonical;
            headings = headings == null ? List.of() : List.copyOf(headings);
            description = description == null ? "" : description;
            contactUrls = contactUrls == null ? List.of() : List.copyOf(contactUrls);
            social = social == null ? List.of() : List.copyOf(social);
            forms = forms == null ? List.of() : List.copyOf(forms);
        }
    }

    private static final String DROP_TAGS =
            "script, style, nav, header, footer, aside, form, noscript, template, svg, iframe, button, select, "
                    + "object, embed, canvas, dialog";

    private static final Set<String> BOILERPLATE_TOKENS = Set.of("menu", "menubar", "nav", "navbar", "navigation",
            "sidebar", "sidenav", "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "skiplink",
            "share", "sharing", "social", "newsletter", "popup", "modal", "advert", "ads");

    private static final Set<String> NEVER_DROP = Set.of("html", "body", "main", "article");

    private static final Pattern TOKEN_SPLIT = Pattern.compile("[\\s_\\-]+");

    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$");

    /** Extracts everything from a page. {@code baseUrl} is the page's URL (may be {@code null}). */
    public Extracted extract(String baseUrl, String html) {
        Document doc = Jsoup.parse(html == null ? "" : html, baseUrl == null ? "" : baseUrl);
        return extract(baseUrl, doc);
    }

    /** As {@link #extract(String, String)} for a parsed document; the document is modified (boilerplate removed). */
    public Extracted extract(String baseUrl, Document doc) {
        String pageUrl = UrlNormalizer.normalize(baseUrl);
        String base = baseUrl;
        Element baseEl = doc.selectFirst("base[href]");
        if (baseEl != null) {
            String b = UrlNormalizer.normalize(baseUrl, baseEl.attr("href"));
            if (b != null) {
                base = b;
            }
        }
        String title = title(doc);
        String description = meta(doc, "description");
        String canonical = "";
        for (Element l : doc.select("link[href][rel]")) {
            if (hasToken(l.attr("rel"), "canonical")) {
                String c = UrlNormalizer.normalize(base, l.attr("href"));
                if (c != null) {
                    canonical = c;
                    break;
                }
            }
        }
        List<String> headings = new ArrayList<>();
        for (Element h : doc.select("h1, h2, h3")) {
            String t = collapse(h.text());
            if (!t.isEmpty()) {
                headings.add(t);
            }
        }
        List<Link> raw = new ArrayList<>();
        TreeSet<String> emails = new TreeSet<>();
        for (Element a : doc.select("a[href], area[href]")) {
            String href = a.attr("href").strip();
            if (href.regionMatches(true, 0, "mailto:", 0, 7)) {
                emails.addAll(mailtoAddresses(href));
                continue;
            }
            String url = UrlNormalizer.normalize(base, href);
            if (url == null || url.equals(pageUrl)) {
                continue;
            }
            raw.add(new Link(url, anchor(a), a.attr("rel")));
        }
        if (doc.body() != null) {
            emails.addAll(ContactExtractor.visibleEmails(doc.body().text()));
        }
        List<Link> links = mergeLinks(raw);
        List<PageStructure.Form> forms = PageStructure.forms(doc, base); // before mainText drops the forms
        String text = mainText(doc);
        return new Extracted(title, text, links, new ArrayList<>(emails), canonical, headings, description,
                ContactExtractor.contactUrls(pageUrl, links), ContactExtractor.socialProfiles(links), forms);
    }

    /**
     * Merges duplicate targets: the merged link stands where the target first appears; when any occurrence is
     * followed (no rel), the first followed occurrence's anchor and rel win over unfollowed ones; otherwise the
     * first occurrence's. An empty anchor is filled from a later occurrence of the same target.
     */
    public static List<Link> mergeLinks(List<Link> links) {
        Map<String, Link> byUrl = new LinkedHashMap<>();
        for (Link l : links) {
            Link old = byUrl.get(l.url());
            if (old == null) {
                byUrl.put(l.url(), l);
            } else if (old.unfollowed() && !l.unfollowed()) {
                byUrl.put(l.url(), l.anchor().isEmpty() ? new Link(l.url(), old.anchor(), "") : l);
            } else if (old.anchor().isEmpty() && !l.anchor().isEmpty()) {
                byUrl.put(l.url(), new Link(old.url(), l.anchor(), old.rel()));
            }
        }
        return new ArrayList<>(byUrl.values());
    }

    /** The addresses of a {@code mailto:} URL: percent-decoded, lower case, valid ones only. */
    public static List<String> mailtoAddresses(String href) {
        String s = href.strip();
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        try {
            s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // keep undecoded
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split("[,;]")) {
            String a = part.strip().toLowerCase(Locale.ROOT);
            if (a.length() <= 254 && EMAIL.matcher(a).matches()) {
                out.add(a);
            }
        }
        return out;
    }

    private static String title(Document doc) {
        Element t = doc.selectFirst("title");
        if (t != null) {
            String s = collapse(t.text());
            if (!s.isEmpty()) {
                return s;
            }
        }
        String og = meta(doc, "og:title");
        if (!og.isEmpty()) {
            return og;
        }
        Element h1 = doc.selectFirst("h1");
        return h1 == null ? "" : collapse(h1.text());
    }

    private static String meta(Document doc, String name) {
        for (Element m : doc.select("meta[content]")) {
            String n = m.hasAttr("name") ? m.attr("name") : m.attr("property");
            if (n.equalsIgnoreCase(name)) {
                String c = collapse(m.attr("content"));
                if (!c.isEmpty()) {
                    return c;
                }
            }
        }
        if (name.equals("description")) {
            return meta(doc, "og:description");
        }
        return "";
    }

    private static String anchor(Element a) {
        String t = collapse(a.text());
        if (!t.isEmpty()) {
            return t;
        }
        for (Element img : a.select("img[alt]")) {
            String alt = collapse(img.attr("alt"));
            if (!alt.isEmpty()) {
                return alt;
            }
        }
        String label = collapse(a.attr("aria-label"));
        return label.isEmpty() ? collapse(a.attr("title")) : label;
    }

    private static boolean hasToken(String attr, String token) {
        for (String t : attr.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Main text of the document (modifies it: boilerplate elements are removed). */
    static String mainText(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        String fallback = null;
        body.select(DROP_TAGS).remove();
        List<Element> boiler = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (!NEVER_DROP.contains(e.normalName()) && looksLikeBoilerplate(e)) {
                boiler.add(e);
            }
        }
        if (!boiler.isEmpty()) {
            fallback = blockText(body);
            for (Element e : boiler) {
                e.remove();
            }
        }
        String text = blockText(body);
        if (text.isEmpty() && fallback != null) {
            text = fallback;
        }
        if (text.isEmpty()) {
            text = collapse(doc.body().text());
        }
        return text;
    }

    private static boolean looksLikeBoilerplate(Element e) {
        String role = e.attr("role");
        if (role.equals("navigation") || role.equals("banner") || role.equals("contentinfo")
                || role.equals("complementary") || role.equals("dialog")) {
            return true;
        }
        return hasBoilerToken(e.attr("class")) || hasBoilerToken(e.id());
    }

    private static boolean hasBoilerToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (String t : TOKEN_SPLIT.split(s.toLowerCase(Locale.ROOT))) {
            if (BOILERPLATE_TOKENS.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Text with one line per block element, whitespace collapsed within lines, empty lines dropped. */
    static String blockText(Element root) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode tn) {
                    line.append(tn.getWholeText());
                } else if (node instanceof Element el) {
                    if (el.normalName().equals("br") || el.isBlock() || isBlockish(el)) {
                        flush(out, line);
                    } else if (el.normalName().equals("img")) {
                        line.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && (el.isBlock() || isBlockish(el))) {
                    flush(out, line);
                } else if (node instanceof Element el && (el.normalName().equals("td")
                        || el.normalName().equals("th"))) {
                    line.append(' ');
                }
            }
        });
        flush(out, line);
        return out.toString();
    }

    private static boolean isBlockish(Element el) {
        return switch (el.normalName()) {
            case "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
                    "section", "article", "main", "table", "ul", "ol", "dl", "figcaption", "hr", "caption" -> true;
            default -> false;
        };
    }

    private static void flush(StringBuilder out, StringBuilder line) {
        if (line.isEmpty()) {
            return;
        }
        String s = collapse(line.toString());
        line.setLength(0);
        if (!s.isEmpty()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(s);
        }
    }

    /** Collapses runs of whitespace (including non-breaking spaces) to one space and trims. */
    public static String collapse(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u200b') {
                space = !sb.isEmpty();
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
