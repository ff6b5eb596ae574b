package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based tests of {@link UrlNormalizer} (README "Reliability"): idempotent, results are absolute http(s)
 * URIs with a host, and no string makes it throw. Seeds are fixed so every run tries the same inputs.
 */
class UrlNormalizerProperties {

    /** URL-shaped strings: a scheme (sometimes odd), a host, a port, path, query and fragment from URL-ish pieces. */
    @Provide
    static Arbitrary<String> urlish() {
        Arbitrary<String> scheme = Arbitraries.of("http://", "https://", "HTTP://", "HtTpS://", "ftp://", "", "//",
                "http:", "mailto:", "javascript:");
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.of("example.com", "Example.COM.", "www.bbc.co.uk", "例え.jp", "xn--r8jz45g.jp", "127.0.0.1",
                        "[::1]", "localhost", "a..b", "-x-.com", "ü.de", "", "user:pw@h.org", "h.org:80", "h.org:443",
                        "h.org:99999", "h.org:"),
                Arbitraries.strings().withChars("abcXYZ.-_%:@[]0123456789é").ofMaxLength(20));
        Arbitrary<String> path = Arbitraries.strings()
                .withChars("/./../abc%2e%41%zz %20é\\;=+&?~\t\n")
                .withCharRange('\u0000', '\u007f')
                .ofMaxLength(40);
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.of("?utm_source=x&id=3", "?a=1&a=2", "?", "?&&", "?gclid=1", "?x=%ZZ", "?q=a b"),
                Arbitraries.strings().withChars("?&=abc%utm_ é").ofMaxLength(20));
        Arbitrary<String> fragment = Arbitraries.of("", "#top", "#", "#a#b", "#%");
        return Combinators.combine(scheme, host, path, query, fragment).as((s, h, p, q, f) -> s + h + p + q + f);
    }

    @Property(tries = 1000, seed = "17001")
    void idempotentOnUrlLikeStrings(@ForAll("urlish") String url) {
        checkIdempotentAndWellFormed(url);
    }

    @Property(tries = 500, seed = "17002")
    void idempotentOnArbitraryStrings(@ForAll @StringLength(max = 200) String s) {
        checkIdempotentAndWellFormed(s);
        checkIdempotentAndWellFormed("http://" + s);
        checkIdempotentAndWellFormed("https://example.com/" + s);
    }

    @Property(tries = 300, seed = "17003")
    void relativeResolutionIsWellFormed(@ForAll("urlish") String base, @ForAll("urlish") String ref) {
        String once = UrlNormalizer.normalize(base, ref);
        if (once != null) {
            assertWellFormed(once);
            assertEquals(once, UrlNormalizer.normalize(once), "normalize(normalize(base, ref)) for " + base + " / " + ref);
        }
    }

    @Property(tries = 200, seed = "17004")
    void neverThrowsOnLongOrControlCharacterStrings(
            @ForAll @StringLength(min = 1000, max = 20_000) String s,
            @ForAll("controls") String c) {
        UrlNormalizer.normalize(s);
        UrlNormalizer.normalize("http://h.com/" + s + c);
        UrlNormalizer.normalize("http://" + c + "h.com" + c + "/" + c);
        UrlNormalizer.normalize(c, s);
    }

    @Provide
    static Arbitrary<String> controls() {
        return Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars('\u007f', '\u0085', '\u2028',
                '\u2029', '\ufeff', '\ud800', '\udfff', '\u200b').ofMaxLength(10);
    }

    static void checkIdempotentAndWellFormed(String url) {
        String once = UrlNormalizer.normalize(url);
        if (once == null) {
            return;
        }
        assertWellFormed(once);
        assertEquals(once, UrlNormalizer.normalize(once), "normalize(normalize(x)) != normalize(x) for x = " + url);
    }

    /**
     * Parses as a URI, scheme http or https, a non-empty host. The host is taken as {@link UrlNormalizer#host}
     * does: names java.net.URI does not accept as server names ({@code my_site.example}, {@code -x-.com}) are kept
     * on purpose (they occur on the web), so {@link URI#getHost()} may be null while the authority is the host.
     */
    static void assertWellFormed(String normalized) {
        URI uri = URI.create(normalized);
        assertTrue("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()), "scheme of " + normalized);
        assertNotNull(uri.getRawAuthority(), "authority of " + normalized);
        String host = UrlNormalizer.host(normalized);
        assertTrue(host != null && !host.isEmpty(), "host of " + normalized);
        assertEquals(-1, uri.getRawAuthority().indexOf('@'), "user info kept in " + normalized);
    }
}
