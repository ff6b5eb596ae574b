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
}
