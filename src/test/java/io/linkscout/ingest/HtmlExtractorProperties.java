package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based tests of {@link HtmlExtractor} (README "Reliability"): HTML-ish strings (tags, attributes, links,
 * mailto, forms, cut-up pieces of the fixture page), any base URL, never make it throw.
 */
class HtmlExtractorProperties {

    static final String ARTICLE;

    static {
        try (InputStream in = HtmlExtractorProperties.class.getResourceAsStream("/fixtures/html/article.html")) {
            ARTICLE = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    static Arbitrary<String> htmlish() {
        Arbitrary<String> attr = Arbitraries.of("", " href=\"", " href='", " href=", " rel=\"nofollow sponsored\"",
                " class=\"nav menu\"", " id=cookie", " name=description content=\"", " rel=canonical",
                " action=\"/submit\"", " type=file", " src=", " alt=\"", "\"", "'", "=");
        Arbitrary<String> value = Arbitraries.of("mailto:A@B.example?subject=x", "mailto:", "mailto:a@b,c@d",
                "javascript:x()", "//cdn.example", "../../x", "#top", "http://", "https://ex.com:99999/",
                "http://[::1]/", "https://例え.jp/a b", "?q=1", "tel:123", "https://twitter.com/x", "/contact", "");
        Arbitrary<String> tag = Arbitraries.of("a", "p", "h1", "h2", "h3", "form", "textarea", "input", "nav", "main",
                "article", "base", "link", "meta", "title", "script", "style", "div", "li", "img", "body", "html",
                "head", "template", "svg", "math", "frameset", "table");
        Arbitrary<String> piece = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(tag, attr, value).as((t, a, v) -> "<" + t + a + v + ">"),
                tag.map(t -> "</" + t + ">"),
                Arbitraries.strings().ofMaxLength(15),
                Arbitraries.of("&amp;", "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>",
                        "\u0000", "\n"),
                Arbitraries.integers().between(0, ARTICLE.length()).map(i -> ARTICLE.substring(i,
                        Math.min(ARTICLE.length(), i + 200))));
        return piece.list().ofMaxSize(50).map(l -> String.join("", l));
    }

    @Provide
    static Arbitrary<String> baseUrls() {
        return Arbitraries.oneOf(Arbitraries.of("https://garden.example.org/guides/tomatoes", "http://a.example/",
                        "", "not a url", "http://", "mailto:x@y.z", "https://例え.jp/"),
                Arbitraries.strings().ofMaxLength(30), Arbitraries.just(null));
    }

    @Property(tries = 500, seed = "17041")
    void htmlishNeverThrows(@ForAll("htmlish") String html, @ForAll("baseUrls") String base) {
        HtmlExtractor.Extracted ex = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new HtmlExtractor().extract(base, html));
        assertNotNull(ex.text());
        assertNotNull(ex.links());
    }

    @Property(tries = 300, seed = "17042")
    void arbitraryStringsNeverThrow(@ForAll @StringLength(max = 1000) String html, @ForAll("baseUrls") String base) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new HtmlExtractor().extract(base, html));
    }
}
