package io.linkscout.nlp;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based tests of {@link ContentText#convert} (README "Reliability"): for any input and any content type it
 * returns or throws a {@link UserException}, nothing else, and the converted text is never longer than the input.
 */
class ContentTextProperties {

    /** Markdown-, HTML- and entity-rich text: the pieces the converters treat specially, in any order. */
    @Provide
    static Arbitrary<String> markupish() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("# ", "## ", "\n", "\n\n", "```", "~~~", "    ", "- ", "* ", "1. ", "> ", "**", "__",
                        "[", "](", ")", "![", "`", "<p>", "</p>", "<br>", "<h1>", "</h1>", "<script>", "</script>",
                        "<title>", "</title>", "<!doctype html>", "<html>", "<body>", "<nav>", "</nav>", "<li>",
                        "&amp;", "&nbsp;", "&#x1F600;", "&", "<", ">", "---", "***", "|", "\\", "<!--", "-->",
                        "<pre>", "</pre>", "<table><tr><td>", "\r\n", "\t", "\u0000", "\ufeff", "\ud800", "é", "日本"),
                Arbitraries.strings().alpha().ofMaxLength(12),
                Arbitraries.of(" the ", " and ", " of ", " to ", " a ", " in ", " is "));
        return piece.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 500, seed = "17031")
    void markupInAnyType(@ForAll("markupish") String content, @ForAll ContentType type, @ForAll boolean anyLanguage) {
        check(content, type, anyLanguage);
    }

    @Property(tries = 300, seed = "17032")
    void arbitraryStrings(@ForAll @StringLength(max = 500) String content, @ForAll ContentType type) {
        check(content, type, true);
        check(content, type, false);
    }

    static void check(String content, ContentType type, boolean anyLanguage) {
        ContentText.Options options = new ContentText.Options(ContentText.DEFAULT_MAX_CHARS, anyLanguage);
        ContentText.Converted c;
        try {
            c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ContentText.convert(content, type, options));
        } catch (UserException e) {
            return;
        }
        assertTrue(c.text().length() <= content.length(),
                () -> "text longer than the input: " + c.text().length() + " > " + content.length() + " for "
                        + type + " " + content);
        assertTrue(c.type() != ContentType.AUTO);
    }
}
