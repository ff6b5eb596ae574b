package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        HTTP://Example.COM:80/a/./b/../c?utm_source=x&id=3#top | http://example.com/a/c?id=3
        https://example.com:443                                | https://example.com/
        https://example.com:8443/x                             | https://example.com:8443/x
        http://example.com:443/                                | http://example.com:443/
        http://example.com/path/                               | http://example.com/path/
        http://example.com/a#frag#second                       | http://example.com/a
        http://example.com/a?b=1#x#y                           | http://example.com/a?b=1
        http://example.com/?gclid=1&fbclid=2&q=x&UTM_MEDIUM=y  | http://example.com/?q=x
        http://example.com/?                                   | http://example.com/
        http://example.com/../../x                             | http://example.com/x
        http://example.com/a/b/..                              | http://example.com/a/
        http://example.com/%7euser/%41%2f%3a                   | http://example.com/~user/A%2F%3A
        http://example.com/a b/ü?q=ä ö                         | http://example.com/a%20b/%C3%BC?q=%C3%A4%20%C3%B6
        http://example.com/x?a[]=1&a[]=2                       | http://example.com/x?a%5B%5D=1&a%5B%5D=2
        http://bücher.example/straße                           | http://xn--bcher-kva.example/stra%C3%9Fe
        http://EXAMPLE.com./                                   | http://example.com/
        http://user:pw@example.com/x                           | http://example.com/x
        http://[2001:db8::1]:8080/x                            | http://[2001:db8::1]:8080/x
        http://192.168.0.1/                                    | http://192.168.0.1/
        http://my_host.example.com:8080/x                      | http://my_host.example.com:8080/x
        ftp://example.com/                                     | NULL
        mailto:a@example.com                                   | NULL
        javascript:alert(1)                                    | NULL
        /relative/only                                         | NULL
        http://                                                | NULL
        http://exa mple.com/                                   | NULL
        ''                                                     | NULL
        """)
    void normalize(String in, String expected) {
        assertEquals(expected, UrlNormalizer.normalize(in));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        http://a.example/b/c/d;p?q | g                       | http://a.example/b/c/g
        http://a.example/b/c/d;p?q | ./g                     | http://a.example/b/c/g
        http://a.example/b/c/d;p?q | g/                      | http://a.example/b/c/g/
        http://a.example/b/c/d;p?q | /g                      | http://a.example/g
        http://a.example/b/c/d;p?q | //g.example/x           | http://g.example/x
        http://a.example/b/c/d;p?q | ?y                      | http://a.example/b/c/d;p?y
        http://a.example/b/c/d;p?q | g?y                     | http://a.example/b/c/g?y
        http://a.example/b/c/d;p?q | #s                      | http://a.example/b/c/d;p?q
        http://a.example/b/c/d;p?q | ../g                    | http://a.example/b/g
        http://a.example/b/c/d;p?q | ../../../g              | http://a.example/g
        http://a.example/b/c/d;p?q | https://other.example/  | https://other.example/
        http://a.example           | x                       | http://a.example/x
        http://a.example/p#f#g     | q#h#i                   | http://a.example/q
        http://a.example/p         | mailto:x@y.example      | NULL
        NULL                       | x                       | NULL
        """)
    void resolve(String base, String ref, String expected) {
        assertEquals(expected, UrlNormalizer.normalize(base, ref));
    }

    @ParameterizedTest
    @CsvSource({"http://example.com:8080/x,example.com", "https://a.b.example/,a.b.example", "no-scheme,"})
    void host(String url, String expected) {
        assertEquals(expected, UrlNormalizer.host(url));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"example.com,true", "bücher.example,true", "exa mple.com,false",
        "a..b,false", "'',false", "NULL,false"})
    void validHost(String host, boolean expected) {
        assertEquals(expected, UrlNormalizer.isValidHost(host));
    }

    @org.junit.jupiter.api.Test
    void tabsAndLineBreaksInsideAreRemoved() {
        assertEquals("http://example.com/ab", UrlNormalizer.normalize("  http://example.com/a\t\nb  "));
    }

    @org.junit.jupiter.api.Test
    void nullInput() {
        assertNull(UrlNormalizer.normalize(null));
    }

    /** Found by UrlNormalizerProperties (seed 17002): IDN mapping turns "⒈" into "1.", the dot must go too. */
    @org.junit.jupiter.api.Test
    void idnMappingToATrailingDotIsIdempotent() {
        assertEquals("http://1/", UrlNormalizer.normalize("http://\u2488"));
        assertEquals("http://1/", UrlNormalizer.normalize(UrlNormalizer.normalize("http://\u2488")));
    }

    /** A plain host skips IDN: it must be exactly what {@link java.net.IDN#toASCII} gives for it. */
    @Test
    void plainHostsAreTheirOwnIdnForm() {
        String l63 = "a".repeat(63);
        assertTrue(UrlNormalizer.plainLabels("www.example-site.co.uk"));
        assertTrue(UrlNormalizer.plainLabels(l63 + "." + l63 + "." + l63 + "." + l63 + "." + l63));
        assertFalse(UrlNormalizer.plainLabels("a" + l63 + ".com"));
        assertFalse(UrlNormalizer.plainLabels("xn--r8jz45g.jp"));
        assertFalse(UrlNormalizer.plainLabels("a..b"));
        assertFalse(UrlNormalizer.plainLabels(".a"));
        assertFalse(UrlNormalizer.plainLabels("ü.de"));
        assertFalse(UrlNormalizer.plainLabels(""));
        String chars = "abz09-_.x";
        java.util.Random random = new java.util.Random(20261207);
        int plain = 0;
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + random.nextInt(14); k > 0; k--) {
                sb.append(chars.charAt(random.nextInt(chars.length())));
            }
            String h = sb.toString();
            if (UrlNormalizer.plainLabels(h)) {
                plain++;
                assertEquals(h, java.net.IDN.toASCII(h, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT),
                        h);
            }
        }
        assertTrue(plain > 1000, "plain hosts tried: " + plain);
    }
}
