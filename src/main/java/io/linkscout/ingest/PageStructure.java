package io.linkscout.ingest;

import io.linkscout.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * The markup structure of an HTML page that its plain text loses and that page classifiers (guest-post detection)
 * need: the h1–h3 headings and a summary of its submission forms. Carried from {@link HtmlExtractor} through
 * {@link PageRecord} and the index's stored page record, so that detection at ingest sees what the full HTML shows.
 * A page read from plain text has no structure ({@code null} on {@link PageRecord#structure()}), which is not the
 * same as an HTML page without headings or forms (an empty structure).
 *
 * <p>Capped so that a page with thousands of headings or forms cannot bloat the index: at most
 * {@value #MAX_HEADINGS} headings of at most {@value #MAX_HEADING_CHARS} characters, at most {@value #MAX_FORMS}
 * forms with at most {@value #MAX_FORM_WORDS_CHARS} characters of wording and {@value #MAX_ACTION_CHARS} of action
 * URL. The caps are applied by the constructor, so every path (HTML, spill file, stored JSON) gives the same value.
 *
 * @param headings text of the {@code h1}–{@code h3} elements in document order, non-empty, whitespace-collapsed
 * @param forms    the page's submission forms in document order, see {@link Form}
 */
public record PageStructure(List<String> headings, List<Form> forms) {

    public static final int MAX_HEADINGS = 32;
    public static final int MAX_HEADING_CHARS = 200;
    public static final int MAX_FORMS = 5;
    public static final int MAX_FORM_WORDS_CHARS = 400;
    public static final int MAX_ACTION_CHARS = 500;

    /** A page with structure but no headings and no submission forms. */
    public static final PageStructure EMPTY = new PageStructure(List.of(), List.of());

    /**
     * A submission form: a {@code <form>} with a {@code textarea} or a file upload (search boxes, logins and
     * newsletter sign-ups have neither and are not kept).
     *
     * @param textarea whether it has a {@code textarea}
     * @param file     whether it has an {@code input type=file}
     * @param words    the text of its buttons (and submit inputs' values), labels, legends, headings and
     *                 paragraphs, then its fields' names and placeholders; whitespace-collapsed, lower case
     * @param action   the normalised {@code action} URL, or empty when absent or not http(s)
     */
    public record Form(boolean textarea, boolean file, String words, String action) {

        public Form {
            words = cap(words == null ? "" : words.toLowerCase(Locale.ROOT), MAX_FORM_WORDS_CHARS);
            action = action == null || action.length() > MAX_ACTION_CHARS ? "" : action;
        }

        /** One-line description, e.g. {@code "textarea file form:submit your article"}. */
        public String describe() {
            return (textarea ? "textarea " : "") + (file ? "file " : "") + "form:" + words;
        }
    }

    public PageStructure {
        List<String> hs = new ArrayList<>();
        for (String h : headings == null ? List.<String>of() : headings) {
            if (hs.size() == MAX_HEADINGS) {
                break;
            }
            if (h != null && !h.isBlank()) {
                hs.add(cap(h, MAX_HEADING_CHARS));
            }
        }
        headings = List.copyOf(hs);
        List<Form> fs = new ArrayList<>();
        for (Form f : forms == null ? List.<Form>of() : forms) {
            if (fs.size() == MAX_FORMS) {
                break;
            }
            if (f != null) {
                fs.add(f);
            }
        }
        forms = List.copyOf(fs);
    }

    /** The form descriptions ({@link Form#describe()}) in order. */
    public List<String> formDescriptions() {
        return forms.stream().map(Form::describe).toList();
    }

    /**
     * The submission forms of a parsed page (call before boilerplate removal, which drops forms).
     *
     * @param base URL that relative {@code action}s resolve against (the page's {@code <base href>} or URL)
     */
    static List<Form> forms(Element doc, String base) {
        List<Form> out = new ArrayList<>();
        for (Element f : doc.select("form")) {
            if (out.size() == MAX_FORMS) {
                break;
            }
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
            String action = f.hasAttr("action") && !f.attr("action").isBlank()
                    ? UrlNormalizer.normalize(base, f.attr("action").strip()) : null;
            out.add(new Form(textarea, file, HtmlExtractor.collapse(words.toString()), action));
        }
        return out;
    }

    private static String cap(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
