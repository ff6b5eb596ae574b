package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private-address guard, with --allow-private off (the default policy). */
class AddressGuardTest {

    @TempDir
    Path tmp;

    FixtureWeb web;

    @BeforeEach
    void start() throws IOException {
        web = new FixtureWeb();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    Crawler.Options options(HostResolver resolver, AddressPolicy policy) {
        Crawler.Options o = new Crawler.Options();
        o.delayMillis = 0;
        o.timeoutMillis = 5_000;
        o.resolver = resolver;
        o.policy = policy;
        o.stateDir = tmp.resolve("state");
        return o;
    }

    List<Seeds.Seed> seeds(String... urls) throws IOException {
        Path f = tmp.resolve("seeds.txt");
        Files.writeString(f, String.join("\n", urls) + "\n");
        return Seeds.read(f);
    }

    /** The default policy, except that the fixture's loopback address stands in for a public one. */
    static AddressPolicy loopbackIsPublic() throws UnknownHostException {
        return AddressPolicy.defaults().allowing(Set.of(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void seedOnLoopbackIsRefused() throws IOException {
        web.page("127.0.0.1", "/", "<html><body>local admin</body></html>");
        Crawler c = new Crawler(options(HostResolver.SYSTEM, AddressPolicy.defaults()));
        c.crawl(seeds("http://127.0.0.1:" + web.port() + "/"));
        assertEquals(List.of(), web.requests());
        String why = c.stats().siteProblems.get("127.0.0.1");
        assertEquals("refused 127.0.0.1: it resolves to 127.0.0.1, a loopback address (127.0.0.0/8); LinkScout "
                + "only crawls public addresses (use --allow-private to crawl an intranet)", why);
        assertEquals(0, c.stats().pages.get());
    }

    @Test
    void redirectToAPrivateAddressIsRefused() throws IOException {
        web.robots("pub-fixture.com", "User-agent: *\nAllow: /\n");
        web.redirect("pub-fixture.com", "/", "http://10.0.0.1/admin");
        web.redirect("pub-fixture.com", "/in-site", "http://intranet.pub-fixture.com/");
        web.page("pub-fixture.com", "/sitemap.xml", "");
        Map<String, String> table = Map.of("pub-fixture.com", "127.0.0.1", "intranet.pub-fixture.com", "10.0.0.1");
        Crawler c = new Crawler(options(HostResolver.of(table), loopbackIsPublic()));
        c.crawl(seeds("http://pub-fixture.com:" + web.port() + "/", "http://pub-fixture.com:" + web.port()
                + "/in-site"));
        String why = c.stats().siteProblems.get("pub-fixture.com");
        assertEquals("http://pub-fixture.com:" + web.port() + "/ redirects to http://10.0.0.1/admin: refused 10.0.0.1: "
                + "it resolves to 10.0.0.1, a private address (RFC 1918); LinkScout only crawls public addresses "
                + "(use --allow-private to crawl an intranet)", why);
        // the in-site hop to a host on 10.0.0.1 is refused by the resolver before any connection
        assertEquals(2L, c.stats().skippedCounts().get("private address"));
        assertEquals(List.of("/robots.txt", "/sitemap.xml", "/", "/in-site"), web.paths("pub-fixture.com"));
    }

    @Test
    void dnsAnswerThatSwitchesToAPrivateAddressIsRefused() throws IOException {
        web.robots("rebind-fixture.com", "User-agent: *\nAllow: /\n");
        web.page("rebind-fixture.com", "/", "<html><body>hello</body></html>");
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.1")};
        Crawler c = new Crawler(options(rebinding, loopbackIsPublic()));
        c.crawl(seeds("http://rebind-fixture.com:" + web.port() + "/"));
        // robots.txt came from the first answer; every later connection asked again and was refused
        assertEquals(List.of("/robots.txt"), web.paths("rebind-fixture.com"));
        assertEquals("refused rebind-fixture.com: it resolves to 10.0.0.1, a private address (RFC 1918); LinkScout "
                + "only crawls public addresses (use --allow-private to crawl an intranet)",
                c.stats().siteProblems.get("rebind-fixture.com"));
        assertEquals(0, c.stats().pages.get());
    }

    @Test
    void policyClassifiesAddresses() throws UnknownHostException {
        AddressPolicy p = AddressPolicy.defaults();
        assertNull(p.refusal(InetAddress.getByName("93.184.216.34")));
        assertNull(p.refusal(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")));
        assertEquals("loopback address (127.0.0.0/8)", p.refusal(InetAddress.getByName("127.5.0.1")));
        assertEquals("private address (RFC 1918)", p.refusal(InetAddress.getByName("172.31.255.1")));
        assertNull(p.refusal(InetAddress.getByName("172.32.0.1")));
        assertEquals("carrier-grade NAT address (100.64.0.0/10)", p.refusal(InetAddress.getByName("100.100.1.1")));
        assertEquals("link-local address (169.254.0.0/16)", p.refusal(InetAddress.getByName("169.254.169.254")));
        assertEquals("unspecified address (0.0.0.0/8)", p.refusal(InetAddress.getByName("0.0.0.0")));
        assertEquals("multicast address (224.0.0.0/4)", p.refusal(InetAddress.getByName("239.1.1.1")));
        assertEquals("loopback address (::1)", p.refusal(InetAddress.getByName("::1")));
        assertEquals("unique local address (fc00::/7)", p.refusal(InetAddress.getByName("fd12::1")));
        assertEquals("link-local address (fe80::/10)", p.refusal(InetAddress.getByName("fe80::1")));
        // Java turns IPv4-mapped ::ffff:10.0.0.1 into the IPv4 address itself; IPv4-compatible stays IPv6
        assertEquals("private address (RFC 1918)",
                p.refusal(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                        10, 0, 0, 1})));
        assertEquals("private address (RFC 1918) (embedded in an IPv6 address)",
                p.refusal(InetAddress.getByName("::10.0.0.1")));
        assertEquals("loopback address (127.0.0.0/8) (embedded in a 6to4 address)",
                p.refusal(InetAddress.getByName("2002:7f00:1::1")));
        assertNull(AddressPolicy.allowAll().refusal(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopbackIsPublicAllows());
    }

    private static boolean loopbackIsPublicAllows() throws UnknownHostException {
        AddressPolicy p = loopbackIsPublic();
        return p.refusal(InetAddress.getByName("127.0.0.1")) == null
                && p.refusal(InetAddress.getByName("127.0.0.2")) != null;
    }
}
