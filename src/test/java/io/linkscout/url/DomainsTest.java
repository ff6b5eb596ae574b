package io.linkscout.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        www.bbc.co.uk                     | bbc.co.uk
        a.b.example.com                   | example.com
        alice.github.io                   | alice.github.io
        github.io                         | github.io
        WWW.Example.COM.                  | example.com
        https://news.example.co.uk/x?y=1  | example.co.uk
        example.com/path                  | example.com
        example.com:8080                  | example.com
        192.168.1.20                      | 192.168.1.20
        http://192.168.1.20:8080/         | 192.168.1.20
        ::1                               | ::1
        localhost                         | localhost
        http://localhost:8080/            | localhost
        www.com                           | www.com
        bücher.de                         | xn--bcher-kva.de
        blog.bücher.de                    | xn--bcher-kva.de
        feeds.bbci.co.uk                  | bbci.co.uk
        ''                                | NULL
        NULL                              | NULL
        """)
    void registrableDomain(String in, String expected) {
        assertEquals(expected, Domains.registrableDomain(in));
    }

    @Test
    void sameSite() {
        assertTrue(Domains.sameSite("https://www.example.com/a", "blog.example.com"));
        assertFalse(Domains.sameSite("alice.github.io", "bob.github.io"));
        assertFalse(Domains.sameSite(null, "example.com"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        https://www.Example.co.uk/x       | example.co.uk
        example.com                       | example.com
        ' news.example.com '              | example.com
        例え.jp                           | xn--r8jz45g.jp
        alice.github.io                   | alice.github.io
        192.168.1.20                      | 192.168.1.20
        nobody.example                    | nobody.example
        """)
    void requireDomainAcceptsDomainsHostsAndUrls(String in, String expected) {
        assertEquals(expected, Domains.requireDomain("site", in));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        -
        http://
        a b
        localhost
        com
        co.uk
        github.io
        ''
        """)
    void requireDomainRejectsWhatIsNotADomain(String in) {
        UserException e = assertThrows(UserException.class, () -> Domains.requireDomain("--site", in));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("--site: "), e.getMessage());
        assertTrue(e.getMessage().contains("is not a domain (give a registrable domain, host or URL such as"
                + " example.com)"), e.getMessage());
    }

    @Test
    void requireDomainRejectsNull() {
        assertEquals("excludeDomains[0]: no value is not a domain (give a registrable domain, host or URL such as"
                + " example.com)", assertThrows(UserException.class,
                        () -> Domains.requireDomain("excludeDomains[0]", null)).getMessage());
    }
}
