package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    private static String resource(String path) throws IOException {
        try (InputStream in = HtmlExtractorTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void extractsEverythingFromTheArticle() throws IOException {
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract("https://garden.example.org/guides/tomatoes",
                resource("/fixtures/html/article.html"));
        assertEquals("Growing Tomatoes at Home", ex.title());
        assertEquals("Growing Tomatoes\n"
                + "Tomatoes need sun and water. See the soil guide.\n"
                + "Buy seeds from Seed Shop or our favourite shop.\n"
                + "Watering\n"
                + "Morning\n"
                + "Evening\n"
                + "Back to top Print Mail us broken Help forum", ex.text());
        assertEquals(List.of(
                new Link("https://garden.example.org/", "Home", ""),
                new Link("https://garden.example.org/about", "About us", ""),
                new Link("https://garden.example.org/privacy", "Privacy", ""),
                // first seen as nofollow, a later followed link (the image) makes it followed, keeping the anchor
                new Link("https://garden.example.org/guides/soil.html", "Soil picture", ""),
                new Link("https://seeds.example.com/tomato?id=7", "our favourite shop", ""),
                // "#top" resolves against <base href>, as in a browser
                new Link("https://garden.example.org/guides/", "Back to top", ""),
                new Link("https://forum.example.net/t/1", "forum", "ugc"),
                new Link("https://garden.example.org/related", "Related", "")), ex.links());
        assertEquals(List.of("editor@garden.example.org", "help@garden.example.org"), ex.emails());
        assertEquals("https://garden.example.org/guides/tomatoes", ex.canonical());
        assertEquals(List.of("Growing Tomatoes", "Watering"), ex.headings());
        assertEquals("A short guide to growing tomatoes.", ex.description());
    }

    @Test
    void titleFallsBackToOgTitleThenH1() {
        HtmlExtractor x = new HtmlExtractor();
        assertEquals("OG", x.extract("http://a.example/", "<meta property='og:title' content=' OG '><h1>H</h1>").title());
        assertEquals("Head line", x.extract("http://a.example/", "<body><h1>Head\n line</h1></body>").title());
        assertEquals("", x.extract("http://a.example/", "<p>x</p>").title());
    }

    @Test
    void textFallsBackToBodyWhenEverythingLooksLikeBoilerplate() {
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract("http://a.example/",
                "<body><div class='menu'>Only <b>menu</b> text</div></body>");
        assertEquals("Only menu text", ex.text());
    }

    @Test
    void mergeKeepsFirstPositionAndFollowedWins() {
        List<Link> merged = HtmlExtractor.mergeLinks(List.of(
                new Link("http://a.example/x", "", "nofollow"),
                new Link("http://a.example/y", "why", ""),
                new Link("http://a.example/x", "ex", "nofollow"),
                new Link("http://a.example/x", "followed", "")));
        assertEquals(List.of(new Link("http://a.example/x", "followed", ""), new Link("http://a.example/y", "why", "")),
                merged);
    }

    @Test
    void mailtoAddresses() {
        assertEquals(List.of("a@b.example", "c@d.example"), HtmlExtractor.mailtoAddresses("MAILTO:A@B.example,%20c@d.example?cc=x@y.z"));
        assertEquals(List.of(), HtmlExtractor.mailtoAddresses("mailto:nobody"));
        assertEquals(List.of(), HtmlExtractor.mailtoAddresses("mailto:a@b"));
    }

    @Test
    void structureKeepsHeadingsAndSubmissionFormsOnly() {
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract("https://mag.example/write/",
                "<html><head><base href='https://mag.example/base/'></head><body><h1>Write  for us</h1>"
                        + "<form action='/search'><input name=q><button>Search</button></form>"
                        + "<form action='send?x=1#f' method=post><legend>Pitch an ARTICLE</legend>"
                        + "<label>Your draft <textarea name='draft_text' placeholder='Paste here'></textarea></label>"
                        + "<input type=submit value='Send pitch'></form>"
                        + "<h2> </h2><h3>Upload</h3><form><input type=file name=cv-file><button>Apply</button></form>"
                        + "<h4>Not a heading we keep</h4><p>Body text.</p></body></html>");
        assertEquals(List.of("Write for us", "Upload"), ex.headings());
        // the search form has neither textarea nor upload; action resolves against <base href>
        assertEquals(new PageStructure(List.of("Write for us", "Upload"), List.of(
                new PageStructure.Form(true, false, "pitch an article your draft send pitch draft text paste here",
                        "https://mag.example/base/send?x=1"),
                new PageStructure.Form(false, true, "apply cv file", ""))), ex.structure());
        assertEquals(List.of("textarea form:pitch an article your draft send pitch draft text paste here",
                "file form:apply cv file"), ex.structure().formDescriptions());
        // forms are still dropped from the main text
        assertEquals("Write for us\nUpload\nNot a heading we keep\nBody text.", ex.text());
    }

    @Test
    void structureIsCapped() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            html.append("<h2>Heading ").append(i).append("</h2>");
        }
        html.append("<h1>").append("x".repeat(300)).append("</h1>");
        for (int i = 0; i < 8; i++) {
            html.append("<form><textarea name=f").append(i).append("></textarea><p>").append("word ".repeat(200))
                    .append("</p></form>");
        }
        PageStructure st = new HtmlExtractor().extract("https://a.example/", html.toString()).structure();
        assertEquals(PageStructure.MAX_HEADINGS, st.headings().size());
        assertEquals("Heading 31", st.headings().get(31));
        assertEquals(PageStructure.MAX_FORMS, st.forms().size());
        assertEquals(PageStructure.MAX_FORM_WORDS_CHARS, st.forms().get(0).words().length());
        assertEquals(200, new PageStructure(List.of("y".repeat(500)), List.of()).headings().get(0).length());
        // capping is idempotent: a value read back (spill file, stored JSON) equals the one written
        assertEquals(st, new PageStructure(st.headings(), st.forms()));
    }
}
