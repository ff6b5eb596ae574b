package io.linkscout.crawl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: every answer is checked against the
 * {@link AddressPolicy} right before the client connects to it. Because the check is on the very addresses the
 * connection uses, it holds for every redirect hop and for every new connection, so a DNS answer that changes
 * between two requests (DNS rebinding) is checked again. A refused answer fails the request with
 * {@link BlockedAddressException}.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** A target refused by the {@link AddressPolicy}. */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }

    private final HostResolver resolver;
    private final AddressPolicy policy;

    GuardedDnsResolver(HostResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = resolver.resolve(h);
        if (all == null || all.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress a : all) {
            String why = policy.refusal(a);
            if (why != null) {
                // one bad answer refuses the host: a mixed answer is a classic way to reach internal services
                throw new BlockedAddressException("refused " + host + ": it resolves to " + a.getHostAddress()
                        + ", a " + why + "; LinkScout only crawls public addresses (use --allow-private to crawl "
                        + "an intranet)");
            }
        }
        return all;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
    }
}
