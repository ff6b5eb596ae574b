package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.error.UserException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based tests of {@link Domains} (README "Reliability"): {@code registrableDomain} never throws;
 * {@code requireDomain} throws nothing but {@link UserException}, and what it returns it accepts again (the same
 * value).
 */
class DomainsProperties {

    @Provide
    static Arbitrary<String> hostish() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz019-_").ofMinLength(0).ofMaxLength(8),
                Arbitraries.of("www", "co", "uk", "com", "github", "io", "例え", "jp", "xn--r8jz45g", "ü", "blogspot"));
        Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
        return Arbitraries.oneOf(host,
                host.map(h -> "https://" + h + "/x"),
                host.map(h -> h + ":8080"),
                host.map(h -> h + "."),
                host.map(h -> " " + h.toUpperCase() + " "),
                Arbitraries.of("127.0.0.1", "::1", "[::1]", "http://[::1]:80/", "1.2.3", "-", "http://", "a b", "[",
                        "[x]", "http://[zz]/", ".", "..", "www.", "www.com", "www.co.uk", "github.io", "com"));
    }

    @Property(tries = 1000, seed = "17011")
    void hostLikeStrings(@ForAll("hostish") String value) {
        check(value);
    }

    @Property(tries = 1000, seed = "17012")
    void arbitraryStrings(@ForAll @StringLength(max = 100) String value) {
        check(value);
    }

    static void check(String value) {
        Domains.registrableDomain(value);
        Domains.sameSite(value, value);
        String d;
        try {
            d = Domains.requireDomain("site", value);
        } catch (UserException e) {
            return;
        }
        assertEquals(d, Domains.requireDomain("site", d), "requireDomain refuses or changes its own result for " + value);
    }
}
