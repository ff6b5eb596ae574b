package io.linkscout.url;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.linkscout.error.UserException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps hosts to registrable domains with the Public Suffix List bundled in Guava
 * ({@link InternetDomainName#topPrivateDomain()}): {@code www.bbc.co.uk -> bbc.co.uk},
 * {@code news.example.com -> example.com}, {@code alice.github.io -> alice.github.io} (a private suffix: each
 * user site is its own site for link building). IP addresses, single-label hosts and hosts that are themselves
 * public suffixes map to themselves.
 */
public final class Domains {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    /** {@link #registrableDomain} of a host exactly as given (a pure function: remembering it changes no result). */
    private static final Map<String, String> BY_INPUT = new ConcurrentHashMap<>();

    private Domains() {
    }

    /**
     * The one check for a domain the user typed (REST {@code site}, {@code excludeDomains}, a campaign's target
     * domain, CLI {@code --site}, the jobs' competitors and domains, ...): the registrable domain of a domain, host
     * or URL ({@code https://www.Example.co.uk/x -> example.co.uk}, IDNs in punycode: {@code 例え.jp ->
     * xn--r8jz45g.jp}; a name under a suffix the Public Suffix List does not know, such as {@code shop.example},
     * as is), or an IP address as is. Anything else ({@code -}, {@code http://}, {@code a b},
     * {@code localhost} or any single label, a public suffix such as {@code com} or {@code github.io}) is a {@link UserException} (400) saying where
     * ({@code field}), what, and how to fix it.
     *
     * @param field where the value came from, as the user knows it ({@code site}, {@code --site},
     *              {@code excludeDomains[2]})
     */
    public static String requireDomain(String field, String value) {
        String d = value == null || value.isBlank() ? null : registrableDomain(value);
        if (d == null || !(InetAddresses.isInetAddress(d) || InternetDomainName.isValid(d)
                && d.indexOf('.') > 0 && !InternetDomainName.from(d).isPublicSuffix())) {
            throw new UserException(field + ": " + (value == null ? "no value" : "\"" + value + "\"")
                    + " is not a domain (give a registrable domain, host or URL such as example.com)");
        }
        return d;
    }

    /**
     * The registrable domain of a host, or of the host of a URL; {@code null} for {@code null}/empty. Lenient, for
     * data read from pages and files: a string it cannot parse is returned as is. For a domain the user typed use
     * {@link #requireDomain}.
     */
    public static String registrableDomain(String hostOrUrl) {
        if (hostOrUrl == null || hostOrUrl.indexOf('/') >= 0) {
            return resolve(hostOrUrl); // URLs are not remembered: there are too many of them
        }
        // a host (what ingest asks, for every link of every page): remembered as given, which skips the IDN and
        // IP-address checks that come before the look-up by normalised host
        String d = BY_INPUT.get(hostOrUrl);
        if (d == null) {
            d = resolve(hostOrUrl);
            if (d != null) {
                if (BY_INPUT.size() > 1_000_000) {
                    BY_INPUT.clear();
                }
                BY_INPUT.put(hostOrUrl, d);
            }
        }
        return d;
    }

    private static String resolve(String hostOrUrl) {
        if (hostOrUrl == null || hostOrUrl.isBlank()) {
            return null;
        }
        String in = hostOrUrl.strip();
        if (!in.contains("://") && !in.startsWith("[") && !InetAddresses.isInetAddress(in) && (in.indexOf('/') >= 0 || in.indexOf(':') >= 0
                || in.indexOf('?') >= 0)) {
            // "example.com/path" or "example.com:8080": a URL without its scheme
            in = "http://" + in;
        }
        String host = in.contains("://") ? UrlNormalizer.host(UrlNormalizer.normalize(in)) : in;
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!h.startsWith("[") && !InetAddresses.isInetAddress(h)) {
            String ascii = UrlNormalizer.normalizeHost(h);
            if (ascii != null) {
                h = ascii;
            }
        }
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("www.") && h.indexOf('.', 4) < 0) {
            // "www.com"-like: leave as is
            return h;
        }
        if (CACHE.size() > 1_000_000) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(h, Domains::compute);
    }

    private static String compute(String h) {
        if (h.startsWith("[") || InetAddresses.isInetAddress(h)) {
            return h;
        }
        try {
            InternetDomainName name = InternetDomainName.from(h);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            return h;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return h;
        }
    }

    /** True when both hosts (or URLs) belong to the same registrable domain. */
    public static boolean sameSite(String a, String b) {
        String da = registrableDomain(a);
        return da != null && da.equals(registrableDomain(b));
    }
}
