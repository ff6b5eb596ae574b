package io.linkscout.nlp;

import io.linkscout.error.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the user's content into the plain text topic extraction runs on.
 *
 * <p><b>Output shape.</b> Paragraphs (and headings, list items, table rows) are separated by one blank line, so
 * CoreNLP's sentence splitter ({@code newlineIsSentenceBreak=two}) never runs a heading into the next sentence.
 * Line endings are normalised to {@code \n}, control characters removed, the result trimmed. Mention offsets of
 * {@link TopicExtractor} refer to this text.
 * <ul>
 * <li>{@code plain}: the text as given (only the normalisation above).</li>
 * <li>{@code markdown} (CommonMark): heading, emphasis and list markers are removed; links and emphasis become their
 * text; inline code keeps its text; fenced code blocks, HTML blocks, inline HTML, images and thematic breaks are
 * dropped; lines of one paragraph are joined with a space. Indented code blocks are <i>not</i> recognised (text
 * indented by 4 spaces stays text) because drafts pasted from elsewhere are often indented. The first heading is
 * offered as the title.</li>
 * <li>{@code html} (jsoup): the {@code <title>} is offered as the title; the main text is taken from {@code <main>},
 * else the longest {@code <article>}, else {@code <body>}; {@code script, style, noscript, template, nav, aside,
 * form, iframe, svg, canvas, button, select, object, embed, pre} are dropped, and so are {@code header, footer} and
 * navigation/banner roles when the whole body is used; elements with {@code hidden} or
 * {@code aria-hidden="true"} are dropped.</li>
 * <li>{@code auto}: {@link #detect(String)}.</li>
 * </ul>
 *
 * <p><b>Limits</b> ({@link UserException}s with exact messages):
 * <ul>
 * <li>Empty: blank input, or no text left after conversion: {@code "content is empty: ..."} (status 400).</li>
 * <li>Too long: more than {@link Options#maxChars()} characters of text after conversion (default
 * {@value #DEFAULT_MAX_CHARS}, config {@value #MAX_CHARS_KEY}): the message names the size, the limit and the key
 * (status 413).</li>
 * <li>Not English: the models are English-only. When the text has at least {@value #MIN_WORDS_FOR_LANGUAGE_CHECK}
 * words (runs of letters, the first {@value #LANGUAGE_SAMPLE_WORDS} are counted) and fewer than
 * {@value #MIN_ENGLISH_STOPWORD_PERCENT}% of them are common English function words (English prose has 40-55%,
 * German or French prose 2-6%, English Wikipedia articles with infoboxes and tables 30-45%), the content is rejected
 * with status 422, unless {@link Options#allowNonEnglish()} is set.</li>
 * </ul>
 */
public final class ContentText {

    public static final int DEFAULT_MAX_CHARS = 300_000;
    public static final String MAX_CHARS_KEY = "linkscout.content.max-chars";
    public static final int MIN_WORDS_FOR_LANGUAGE_CHECK = 30;
    public static final int LANGUAGE_SAMPLE_WORDS = 20_000;
    public static final int MIN_ENGLISH_STOPWORD_PERCENT = 15;

    /**
     * @param maxChars        the most characters of converted text accepted
     * @param allowNonEnglish skip the English check
     */
    public record Options(int maxChars, boolean allowNonEnglish) {
        public static Options defaults() {
            return new Options(DEFAULT_MAX_CHARS, false);
        }

        public Options withAllowNonEnglish(boolean allow) {
            return new Options(maxChars, allow);
        }
    }

    /**
     * @param title the title found in the content (HTML {@code <title>}, first Markdown heading), or null
     * @param text  plain text, paragraphs separated by a blank line
     * @param type  the type used (never AUTO)
     */
    public record Converted(String title, String text, ContentType type) {
    }

    private ContentText() {
    }

    /**
     * Converts and checks {@code content} (see the class comment for the rules and errors). Throws nothing but
     * {@link UserException}; the text returned is never longer than {@code content} (ContentTextProperties).
     */
    public static Converted convert(String content, ContentType type, Options options) {
        if (content == null || content.isBlank()) {
            throw new UserException("content is empty: the input is blank (give the text of your article)");
        }
        ContentType t = type == null || type == ContentType.AUTO ? detect(content) : type;
        Converted c = switch (t) {
            case HTML -> html(content);
            case MARKDOWN -> markdown(content);
            default -> new Converted(null, normalise(content), ContentType.PLAIN);
        };
        if (c.text().isEmpty()) {
            throw new UserException("content is empty: no text is left after converting it as " + t.label()
                    + " (markup, code blocks, scripts and navigation are dropped)");
        }
        if (c.text().length() > options.maxChars()) {
            throw new UserException(String.format(Locale.ROOT,
                    "content is too long: %,d characters of text, the limit is %,d (set %s to raise it)",
                    c.text().length(), options.maxChars(), MAX_CHARS_KEY), 413);
        }
        if (!options.allowNonEnglish()) {
            checkEnglish(c.text());
        }
        return c;
    }

    // ---------------------------------------------------------------- detection

    private static final Pattern HTML_DOC = Pattern.compile("(?i)<!doctype\\s+html|<html[\\s>]|<body[\\s>]|<head[\\s>]");
    private static final Pattern HTML_CLOSE = Pattern.compile(
            "(?i)</(p|div|h[1-6]|li|ul|ol|a|span|article|section|main|table|td|em|strong|b|i|title|blockquote)>");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+\\S");
    private static final Pattern MD_FENCE = Pattern.compile("(?m)^ {0,3}(```|~~~)");
    private static final Pattern MD_LINK = Pattern.compile("!?\\[[^\\]\\n]+\\]\\([^)\\s]+(\\s+\"[^\"]*\")?\\)");
    private static final Pattern MD_STRONG = Pattern.compile("(\\*\\*|__)\\S[^\\n]*?\\S\\1");
    private static final Pattern MD_LIST = Pattern.compile("(?m)^ {0,3}([-*+]|\\d{1,3}[.)])[ \\t]+\\S");

    /**
     * Guesses the type: {@code html} if the start (first 2,000 characters) has a doctype, {@code <html>},
     * {@code <head>} or {@code <body>} tag, or the content starts with {@code <} and has a closing tag of a common
     * element; else {@code markdown} if it has an ATX heading ({@code # Title}), a code fence, a link
     * {@code [text](url)}, strong emphasis ({@code **x**}) or at least two list-item lines; else {@code plain}.
     */
    public static ContentType detect(String content) {
        String head = content.length() > 2000 ? content.substring(0, 2000) : content;
        if (HTML_DOC.matcher(head).find() || (content.stripLeading().startsWith("<")
                && HTML_CLOSE.matcher(content).find())) {
            return ContentType.HTML;
        }
        if (MD_HEADING.matcher(content).find() || MD_FENCE.matcher(content).find()
                || MD_LINK.matcher(content).find() || MD_STRONG.matcher(content).find()) {
            return ContentType.MARKDOWN;
        }
        Matcher m = MD_LIST.matcher(content);
        int lists = 0;
        while (m.find() && lists < 2) {
            lists++;
        }
        return lists >= 2 ? ContentType.MARKDOWN : ContentType.PLAIN;
    }

    // ---------------------------------------------------------------- plain

    /** Line endings to {@code \n}, BOM and control characters (other than newline and tab) removed, trimmed. */
    static String normalise(String s) {
        String t = s.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\uFEFF' || (Character.isISOControl(c) && c != '\n' && c != '\t')) {
                continue;
            }
            b.append(c);
        }
        return b.toString().strip();
    }

    // ---------------------------------------------------------------- markdown

    private static final Parser MD_PARSER = Parser.builder()
            .enabledBlockTypes(Set.of(Heading.class, HtmlBlock.class, ThematicBreak.class, FencedCodeBlock.class,
                    BlockQuote.class, ListBlock.class))
            .build();

    static Converted markdown(String content) {
        Node doc = MD_PARSER.parse(normalise(content));
        MarkdownText v = new MarkdownText();
        doc.accept(v);
        v.flush();
        return new Converted(v.title, String.join("\n\n", v.paragraphs), ContentType.MARKDOWN);
    }

    /** Collects paragraphs of inline text; code blocks, HTML and images contribute nothing. */
    private static final class MarkdownText extends AbstractVisitor {
        final List<String> paragraphs = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        String title;

        void flush() {
            String p = current.toString().strip();
            if (!p.isEmpty()) {
                paragraphs.add(p);
            }
            current.setLength(0);
        }

        @Override
        public void visit(Document document) {
            visitChildren(document);
        }

        @Override
        public void visit(Heading heading) {
            flush();
            visitChildren(heading);
            if (title == null && !current.toString().isBlank()) {
                title = current.toString().strip();
            }
            flush();
        }

        @Override
        public void visit(Paragraph paragraph) {
            flush();
            visitChildren(paragraph);
            flush();
        }

        @Override
        public void visit(BulletList list) {
            flush();
            visitChildren(list);
            flush();
        }

        @Override
        public void visit(OrderedList list) {
            flush();
            visitChildren(list);
            flush();
        }

        @Override
        public void visit(ListItem item) {
            flush();
            visitChildren(item);
            flush();
        }

        @Override
        public void visit(BlockQuote quote) {
            flush();
            visitChildren(quote);
            flush();
        }

        @Override
        public void visit(Text text) {
            current.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            current.append(code.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak b) {
            current.append(' ');
        }

        @Override
        public void visit(HardLineBreak b) {
            current.append('\n');
        }

        @Override
        public void visit(FencedCodeBlock block) {
            flush();
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            flush();
        }

        @Override
        public void visit(HtmlBlock block) {
            flush();
        }

        @Override
        public void visit(HtmlInline html) {
            // dropped
        }

        @Override
        public void visit(Image image) {
            // dropped, alt text included
        }

        @Override
        public void visit(ThematicBreak b) {
            flush();
        }
    }

    // ---------------------------------------------------------------- html

    private static final String DROP = "script, style, noscript, template, nav, aside, form, iframe, svg, canvas,"
            + " button, select, object, embed, pre, [hidden], [aria-hidden=true]";
    private static final String DROP_OUTSIDE_MAIN = "header, footer, [role=navigation], [role=banner],"
            + " [role=contentinfo], [role=complementary]";
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "section", "summary", "table", "tbody",
            "thead", "tfoot", "tr", "ul", "br");
    private static final Set<String> CELLS = Set.of("td", "th");

    static Converted html(String content) {
        org.jsoup.nodes.Document doc = Jsoup.parse(content);
        String title = normaliseSpace(doc.title());
        Element root = doc.selectFirst("main, [role=main]");
        if (root == null) {
            Elements articles = doc.select("article");
            Element best = null;
            for (Element a : articles) {
                if (best == null || a.text().length() > best.text().length()) {
                    best = a;
                }
            }
            root = best;
        }
        if (root == null) {
            root = doc.body();
            root.select(DROP_OUTSIDE_MAIN).remove();
        }
        root.select(DROP).remove();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode tn) {
                    current.append(tn.getWholeText());
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (BLOCKS.contains(tag)) {
                        flushHtml(current, paragraphs);
                    } else if (CELLS.contains(tag)) {
                        current.append(' ');
                    }
                }
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (BLOCKS.contains(tag)) {
                        flushHtml(current, paragraphs);
                    } else if (CELLS.contains(tag)) {
                        current.append(' ');
                    }
                }
            }
        }, root);
        flushHtml(current, paragraphs);
        return new Converted(title.isEmpty() ? null : title, normalise(String.join("\n\n", paragraphs)),
                ContentType.HTML);
    }

    private static void flushHtml(StringBuilder current, List<String> paragraphs) {
        String p = normaliseSpace(current.toString());
        if (!p.isEmpty()) {
            paragraphs.add(p);
        }
        current.setLength(0);
    }

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    static String normaliseSpace(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll(" ").strip();
    }

    // ---------------------------------------------------------------- language

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** Throws the 422 error when {@code text} does not look like English (see the class comment). */
    static void checkEnglish(String text) {
        Matcher m = WORD.matcher(text);
        int words = 0;
        int stop = 0;
        while (m.find() && words < LANGUAGE_SAMPLE_WORDS) {
            words++;
            if (Stopwords.isStopword(m.group().toLowerCase(Locale.ROOT))) {
                stop++;
            }
        }
        if (words < MIN_WORDS_FOR_LANGUAGE_CHECK) {
            return;
        }
        if (stop * 100L < (long) MIN_ENGLISH_STOPWORD_PERCENT * words) {
            throw new UserException(String.format(Locale.ROOT,
                    "content does not look like English: only %d%% of its %,d words are common English words"
                            + " (at least %d%% expected). LinkScout's language models are English-only; to analyse"
                            + " it anyway, pass --allow-non-english (CLI) or \"allowNonEnglish\": true (API)",
                    Math.round(100.0 * stop / words), words, MIN_ENGLISH_STOPWORD_PERCENT), 422);
        }
    }
}
