package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.linkscout.error.UserException;
import org.junit.jupiter.api.Test;

class ContentTextTest {

    static final ContentText.Options DEFAULTS = ContentText.Options.defaults();

    static final String MARKDOWN = """
            # Wind power

            Some *emphasis*, **strong** and a [link text](https://example.com "t").
            Second line with `inline code`.

            ```java
            int x = 1;
            ```

            - first item
            - second item

            > a quote

            ![an image](img.png) after the image

                indented prose stays

            <div>an html block</div>
            """;

    @Test
    void markdownBecomesParagraphsOfText() {
        ContentText.Converted c = ContentText.convert(MARKDOWN, ContentType.AUTO, DEFAULTS);
        assertEquals(ContentType.MARKDOWN, c.type());
        assertEquals("Wind power", c.title());
        assertEquals("Wind power\n\nSome emphasis, strong and a link text. Second line with inline code.\n\n"
                + "first item\n\nsecond item\n\na quote\n\nafter the image\n\nindented prose stays", c.text());
    }

    static final String HTML = """
            <!DOCTYPE html><html><head><title> Wind   power </title><style>p { color: red }</style></head>
            <body><header><nav><a href="/">Home</a></nav><h1>Site name</h1></header>
            <main><h1>Wind power</h1><p>Wind power is <b>cheap</b>.<br>It is clean.</p><script>var x = 1;</script>
            <ul><li>Turbines</li><li>Cables</li></ul><table><tr><td>a</td><td>b</td></tr></table>
            <pre>code();</pre><aside>Related posts</aside></main>
            <footer>Copyright</footer></body></html>
            """;

    @Test
    void htmlKeepsTitleAndMainText() {
        ContentText.Converted c = ContentText.convert(HTML, ContentType.AUTO, DEFAULTS);
        assertEquals(ContentType.HTML, c.type());
        assertEquals("Wind power", c.title());
        assertEquals("Wind power\n\nWind power is cheap.\n\nIt is clean.\n\nTurbines\n\nCables\n\na b", c.text());
    }

    @Test
    void htmlWithoutMainDropsNavigationHeaderAndFooter() {
        String html = "<html><body><nav>Menu</nav><header>Logo</header><div><p>First para.</p>"
                + "<p>Second <a href='x'>link</a> para.</p></div><footer>Legal</footer></body></html>";
        ContentText.Converted c = ContentText.convert(html, ContentType.HTML, DEFAULTS);
        assertNull(c.title());
        assertEquals("First para.\n\nSecond link para.", c.text());
    }

    @Test
    void plainTextIsOnlyNormalised() {
        ContentText.Converted c = ContentText.convert("\uFEFF  Line one\r\nline two\r\n\r\nNext\u0007 para.  ",
                ContentType.AUTO, DEFAULTS);
        assertEquals(ContentType.PLAIN, c.type());
        assertEquals("Line one\nline two\n\nNext para.", c.text());
    }

    @Test
    void detection() {
        assertEquals(ContentType.PLAIN, ContentText.detect("Just a sentence. And - not a list."));
        assertEquals(ContentType.MARKDOWN, ContentText.detect("Intro\n\n- one\n- two\n"));
        assertEquals(ContentType.MARKDOWN, ContentText.detect("See [docs](https://x.org)."));
        assertEquals(ContentType.HTML, ContentText.detect("<p>Hello</p>"));
        assertEquals(ContentType.PLAIN, ContentText.detect("a < b and c > d"));
    }

    @Test
    void emptyContent() {
        UserException e = assertThrows(UserException.class,
                () -> ContentText.convert("  \n\t ", ContentType.AUTO, DEFAULTS));
        assertEquals("content is empty: the input is blank (give the text of your article)", e.getMessage());
        assertEquals(400, e.status());
        UserException e2 = assertThrows(UserException.class,
                () -> ContentText.convert("<html><body><script>x()</script><nav>Menu</nav></body></html>",
                        ContentType.AUTO, DEFAULTS));
        assertEquals("content is empty: no text is left after converting it as html (markup, code blocks,"
                + " scripts and navigation are dropped)", e2.getMessage());
    }

    @Test
    void tooLongContent() {
        String text = "word ".repeat(300_001);
        UserException e = assertThrows(UserException.class,
                () -> ContentText.convert(text, ContentType.PLAIN, DEFAULTS));
        assertEquals("content is too long: 1,500,004 characters of text, the limit is 300,000"
                + " (set linkscout.content.max-chars to raise it)", e.getMessage());
        assertEquals(413, e.status());
        UserException small = assertThrows(UserException.class,
                () -> ContentText.convert("twelve chars", ContentType.PLAIN, new ContentText.Options(10, false)));
        assertEquals("content is too long: 12 characters of text, the limit is 10"
                + " (set linkscout.content.max-chars to raise it)", small.getMessage());
    }

    static final String GERMAN = "Die Windenergie ist in Deutschland eine der wichtigsten Quellen erneuerbarer "
            + "Energie. Im Jahr 2020 wurden mehr als dreißigtausend Windkraftanlagen an Land betrieben, dazu kamen "
            + "große Windparks in der Nordsee und der Ostsee. Kritiker bemängeln, dass die Anlagen das "
            + "Landschaftsbild verändern und Vögel gefährden, während Befürworter auf sinkende Kosten und den "
            + "Klimaschutz verweisen.";

    static final String FRENCH = "L'énergie éolienne en mer se développe rapidement le long des côtes françaises. "
            + "Les premiers parcs, comme celui de Saint-Nazaire, produisent déjà de l'électricité pour des centaines "
            + "de milliers de foyers. Les pêcheurs craignent toutefois pour leurs zones de pêche, tandis que les "
            + "industriels espèrent créer des milliers d'emplois dans les ports.";

    @Test
    void nonEnglishContentIsRefusedUnlessAllowed() {
        UserException de = assertThrows(UserException.class,
                () -> ContentText.convert(GERMAN, ContentType.AUTO, DEFAULTS));
        assertEquals("content does not look like English: only 6% of its 51 words are common English words"
                + " (at least 15% expected). LinkScout's language models are English-only; to analyse it anyway,"
                + " pass --allow-non-english (CLI) or \"allowNonEnglish\": true (API)", de.getMessage());
        assertEquals(422, de.status());
        UserException fr = assertThrows(UserException.class,
                () -> ContentText.convert(FRENCH, ContentType.AUTO, DEFAULTS));
        assertEquals(422, fr.status());

        ContentText.Converted ok = ContentText.convert(GERMAN, ContentType.AUTO, DEFAULTS.withAllowNonEnglish(true));
        assertEquals(GERMAN, ok.text());
        // short texts are not checked, English passes
        assertEquals("Windenergie Nordsee", ContentText.convert("Windenergie Nordsee", ContentType.PLAIN, DEFAULTS)
                .text());
        ContentText.convert(TopicFixtures.resource("offshore-wind.md"), ContentType.AUTO, DEFAULTS);
    }

    @Test
    void contentTypeParsing() {
        assertEquals(ContentType.MARKDOWN, ContentType.parse("md"));
        assertEquals(ContentType.AUTO, ContentType.parse(null));
        UserException e = assertThrows(UserException.class, () -> ContentType.parse("pdf"));
        assertEquals("unknown content type 'pdf' (use auto, plain, markdown or html)", e.getMessage());
    }
}
