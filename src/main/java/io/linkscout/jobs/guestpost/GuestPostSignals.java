package io.linkscout.jobs.guestpost;

import io.linkscout.ingest.HtmlExtractor;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageStructure;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guest-post detector looks at on one page, independent of where the page came from.
 *
 * @param url       the page URL (normalised)
 * @param title     page title
 * @param headings  h1–h3 texts in document order (from HTML), or heading-like lines of a plain text
 * @param text      main text
 * @param links     outlinks with anchors
 * @param forms     one short description per submission form found (empty when none or unknown), see
 *                  {@link PageStructure.Form#describe()}, e.g. {@code "textarea file form:submit your article"}
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
     * Signals of an HTML page: title, headings, text, links and submission forms as {@link HtmlExtractor} extracts
     * them (the same extraction, and the same caps, as ingest: see {@link PageStructure}).
     */
    public static GuestPostSignals fromHtml(String url, String html) {
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract(url, html);
        return fromIndexed(url, ex.title(), ex.text(), ex.links(), ex.structure());
    }

    /**
     * Signals of a page as the index holds it: with its HTML structure (headings, forms) when it has one, else as
     * {@link #fromText}.
     */
    public static GuestPostSignals fromIndexed(String url, String title, String text, List<Link> links,
            PageStructure structure) {
        if (structure == null) {
            return fromText(url, title, text, links);
        }
        return new GuestPostSignals(url, title, structure.headings(), text, links, structure.formDescriptions());
    }

    /**
     * Signals of a page without markup (plain-text input, or an index record written before structure was kept):
     * headings are approximated by the heading-like lines of the text (at most 70 characters, not ending in
     * sentence punctuation, among the first 40 lines); forms are unknown.
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
}
