package io.linkscout.jobs.guestpost;

import io.linkscout.ingest.HtmlExtractor;
import io.linkscout.ingest.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the guest-post detector looks at on one page, independent of where the page came from.
 *
 * @param url       the page URL (normalised)
 * @param title     page title
 * @param headings  h1–h3 texts in document order (from HTML), or heading-like lines of the stored text
 * @param text      main text
 * @param links     outlinks with anchors
 * @param forms     one short description per submission form found (empty when none or unknown), e.g.
 *                  {@code "textarea file submit: submit your article"}
 */
public record GuestPostSignals(String url, String title, List<String> headings, String text, List<Link> links,
        List<String> forms) {

    public GuestPostSignals {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        headings = headings == null ? List.of() : List.copyOf(headings);
        links = links == null ? List.of() : List.copyOf(links);
        forms = forms == null ? List.of() : List.copyOf(forms);
    }

    /**
     * Signals of an HTML page: forms are read before {@link HtmlExtractor} drops them from the main text, then
     * title, headings, text and links come from the extractor.
     */
    public static GuestPostSignals fromHtml(String url, String html) {
        Document doc = Jsoup.parse(html == null ? "" : html, url == null ? "" : url);
        List<String> forms = forms(doc);
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract(url, doc);
        return new GuestPostSignals(url, ex.title(), ex.headings(), ex.text(), ex.links(), forms);
    }

    /**
     * Signals of a page as the index stores it (no markup): headings are approximated by the heading-like lines of
     * the text (at most 70 characters, not ending in sentence punctuation, among the first 40 lines); forms are
     * unknown.
     */
    public static GuestPostSignals fromText(String url, String title, String text, List<Link> links) {
        List<String> headings = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\n");
        for (int i = 0; i < Math.min(40, lines.length); i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && l.length() <= 70 && ".!?,;:".indexOf(l.charAt(l.length() - 1)) < 0) {
                headings.add(l);
            }
        }
        return new GuestPostSignals(url, title, headings, text, links, List.of());
    }

    /**
     * Submission forms: a {@code <form>} with a {@code textarea} or a file upload, described by its field kinds and
     * the text of its buttons, labels and legends (lower case).
     */
    static List<String> forms(Document doc) {
        List<String> out = new ArrayList<>();
        for (Element f : doc.select("form")) {
            boolean textarea = !f.select("textarea").isEmpty();
            boolean file = !f.select("input[type=file]").isEmpty();
            if (!textarea && !file) {
                continue;
            }
            StringBuilder words = new StringBuilder();
            for (Element e : f.select("button, input[type=submit], label, legend, h1, h2, h3, h4, p")) {
                String t = e.tagName().equals("input") ? e.attr("value") : e.text();
                words.append(' ').append(t);
            }
            for (Element e : f.select("input[name], textarea[name], input[placeholder], textarea[placeholder]")) {
                words.append(' ').append(e.attr("name").replace('_', ' ').replace('-', ' '))
                        .append(' ').append(e.attr("placeholder"));
            }
            out.add(((textarea ? "textarea " : "") + (file ? "file " : "") + "form:"
                    + HtmlExtractor.collapse(words.toString())).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
