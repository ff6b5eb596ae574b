package io.linkscout.crawl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** Turns a host name into addresses. Production uses the system resolver; tests map fixture names to loopback. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The system resolver ({@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * A fixed table (host -> address literal) for tests and the benchmark; IP literals resolve to themselves,
     * other names are unknown.
     */
    static HostResolver of(Map<String, String> table) {
        return host -> {
            String a = table.get(host.toLowerCase(java.util.Locale.ROOT));
            if (a != null) {
                return new InetAddress[] {InetAddress.getByName(a)};
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        };
    }
}
