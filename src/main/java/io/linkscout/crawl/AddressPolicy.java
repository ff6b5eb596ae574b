package io.linkscout.crawl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;

/**
 * Which IP addresses the crawler may connect to. The default policy refuses every address that is not a public
 * unicast address, so that a seed list (or a redirect, or a DNS answer) cannot make LinkScout reach services on
 * the machine or its network (SSRF):
 * <ul>
 * <li>IPv4: {@code 0.0.0.0/8} (this network), {@code 10/8}, {@code 172.16/12}, {@code 192.168/16} (private,
 * RFC 1918), {@code 100.64/10} (carrier-grade NAT), {@code 127/8} (loopback), {@code 169.254/16} (link-local),
 * {@code 192.0.0/24} (IETF protocol assignments), {@code 192.0.2/24 198.51.100/24 203.0.113/24}
 * (documentation), {@code 198.18/15} (benchmarking), {@code 224/4} (multicast), {@code 240/4} (reserved) and
 * {@code 255.255.255.255};</li>
 * <li>IPv6: {@code ::} and {@code ::1}, {@code fc00::/7} (unique local), {@code fe80::/10} (link-local),
 * {@code fec0::/10} (site-local), {@code ff00::/8} (multicast), {@code 2001:db8::/32} (documentation),
 * {@code 64:ff9b::/96} (NAT64) and IPv4-mapped / IPv4-compatible / 6to4 ({@code 2002::/16}) addresses, which
 * are judged by the IPv4 address they embed.</li>
 * </ul>
 * {@link #allowAll()} ({@code --allow-private}) refuses nothing. {@link #allowing(Set)} keeps the default but
 * lets named addresses through: tests use it to let the loopback fixture stand in for public hosts.
 */
public final class AddressPolicy {

    private final boolean allowAll;
    private final Set<InetAddress> allowed;

    private AddressPolicy(boolean allowAll, Set<InetAddress> allowed) {
        this.allowAll = allowAll;
        this.allowed = Set.copyOf(allowed);
    }

    /** Refuses non-public addresses. */
    public static AddressPolicy defaults() {
        return new AddressPolicy(false, Set.of());
    }

    /** Refuses nothing ({@code --allow-private}: intranet crawls, local fixtures). */
    public static AddressPolicy allowAll() {
        return new AddressPolicy(true, Set.of());
    }

    /** The default policy, except that the given addresses are allowed. */
    public AddressPolicy allowing(Set<InetAddress> addresses) {
        return new AddressPolicy(allowAll, addresses);
    }

    public boolean allowsPrivate() {
        return allowAll;
    }

    /** Why the address is refused (e.g. "loopback address"), or {@code null} when it is allowed. */
    public String refusal(InetAddress a) {
        if (allowAll || allowed.contains(a)) {
            return null;
        }
        return classify(a);
    }

    /** The kind of non-public address {@code a} is, or {@code null} for a public unicast address. */
    static String classify(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return classify4(b);
        }
        if (a instanceof Inet6Address) {
            // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d: judge the embedded IPv4 address
            boolean zero10 = true;
            for (int i = 0; i < 10; i++) {
                zero10 &= b[i] == 0;
            }
            if (zero10 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                boolean allZeroOrOne = true;
                for (int i = 10; i < 15; i++) {
                    allZeroOrOne &= b[i] == 0;
                }
                if (allZeroOrOne && b[10] == 0 && (b[15] == 0 || b[15] == 1)) {
                    return b[15] == 0 ? "unspecified address (::)" : "loopback address (::1)";
                }
                String r = classify4(new byte[] {b[12], b[13], b[14], b[15]});
                return r == null ? null : r + " (embedded in an IPv6 address)";
            }
            if (b[0] == 0x20 && b[1] == 0x02) { // 6to4 2002:AABB:CCDD::
                String r = classify4(new byte[] {b[2], b[3], b[4], b[5]});
                return r == null ? null : r + " (embedded in a 6to4 address)";
            }
            if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
                return "NAT64 address (64:ff9b::/96)";
            }
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            if ((b0 & 0xfe) == 0xfc) {
                return "unique local address (fc00::/7)";
            }
            if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
                return "link-local address (fe80::/10)";
            }
            if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
                return "site-local address (fec0::/10)";
            }
            if (b0 == 0xff) {
                return "multicast address (ff00::/8)";
            }
            if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation address (2001:db8::/32)";
            }
            return null;
        }
        return "unknown address family";
    }

    private static String classify4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return "unspecified address (0.0.0.0/8)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private address (RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT address (100.64.0.0/10)";
        }
        if (a0 == 127) {
            return "loopback address (127.0.0.0/8)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local address (169.254.0.0/16)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "IETF protocol address (192.0.0.0/24)";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "documentation address (TEST-NET)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "benchmarking address (198.18.0.0/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast address (224.0.0.0/4)";
        }
        if (a0 >= 240) {
            return "reserved address (240.0.0.0/4)";
        }
        return null;
    }
}
