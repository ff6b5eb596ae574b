package io.linkscout.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Normalises URLs so that one page has one identity across inputs.
 *
 * <p>Rules: only {@code http}/{@code https}; scheme and host lower case; IDN hosts in ASCII (punycode); trailing
 * dot of the host removed; default ports (80, 443) removed; fragment removed; empty path becomes {@code /};
 * dot-segments resolved; characters that are illegal in URLs percent-encoded (UTF-8), escapes of unreserved
 * characters decoded and hex digits upper-cased; tracking parameters ({@code utm_*}, {@code gclid},
 * {@code fbclid}, {@code msclkid}, {@code mc_cid}, {@code mc_eid}, {@code _ga}, {@code yclid}, {@code igshid},
 * {@code _hsenc}, {@code _hsmi}) dropped, other parameters kept in order. A trailing slash is kept: it can name
 * a different resource.
 *
 * <pre>{@code
 * UrlNormalizer.normalize("HTTP://Example.COM:80/a/./b/../c?utm_source=x&id=3#top")
 *     .equals("http://example.com/a/c?id=3")
 * }</pre>
 */
public final class UrlNormalizer {

    private static final Set<String> TRACKING = Set.of("gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "_ga",
            "yclid", "igshid", "_hsenc", "_hsmi", "dclid", "gbraid", "wbraid");

    private UrlNormalizer() {
    }

    /** Normalises an absolute URL; returns {@code null} when it is not a usable http(s) URL. */
    public static String normalize(String url) {
        return normalize(null, url);
    }

    /**
     * Resolves {@code url} against {@code base} (which may be {@code null}) and normalises the result.
     *
     * @return the normalised URL, or {@code null} when it is not a usable http(s) URL
     */
    public static String normalize(String base, String url) {
        if (url == null) {
            return null;
        }
        String u = stripControls(url);
        int hash = u.indexOf('#');
        if (hash >= 0) {
            // the fragment is dropped anyway; cutting it first also copes with a second '#' or illegal characters in it
            u = u.substring(0, hash);
        }
        if (u.isEmpty()) {
            // an empty or fragment-only reference names the base document itself
            return base == null ? null : normalize(null, base);
        }
        try {
            URI uri = new URI(escapeIllegal(u));
            if (base != null && !uri.isAbsolute()) {
                String bs = stripControls(base);
                int bh = bs.indexOf('#');
                if (bh >= 0) {
                    bs = bs.substring(0, bh);
                }
                URI b = new URI(escapeIllegal(bs));
                if (b.getRawAuthority() != null && (b.getRawPath() == null || b.getRawPath().isEmpty())) {
                    // java.net.URI resolves "x" against "http://h" to "http://hx"
                    b = new URI(b.getScheme() + "://" + b.getRawAuthority() + "/");
                }
                if (uri.getRawAuthority() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() != null) {
                    // query-only reference (RFC 3986 5.2.2): keep the base path, replace the query
                    uri = new URI(b.getScheme() + "://" + b.getRawAuthority() + b.getRawPath() + "?" + uri.getRawQuery());
                } else {
                    uri = b.resolve(uri);
                }
            }
            String scheme = uri.getScheme();
            if (scheme == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            String host = uri.getHost();
            if (host == null) {
                host = hostFromAuthority(uri.getRawAuthority());
            }
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = normalizeHost(host);
            if (host == null) {
                return null;
            }
            int port = uri.getPort();
            if (uri.getHost() == null) {
                port = portFromAuthority(uri.getRawAuthority());
            }
            if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
                port = -1;
            }
            String path = uri.getRawPath();
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            path = removeDotSegments(path);
            path = normalizeEscapes(path);
            String query = filterQuery(uri.getRawQuery());
            StringBuilder sb = new StringBuilder(u.length() + 8);
            sb.append(scheme).append("://").append(host);
            if (port != -1) {
                sb.append(':').append(port);
            }
            sb.append(path);
            if (query != null && !query.isEmpty()) {
                sb.append('?').append(normalizeEscapes(query));
            }
            return sb.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The host of a normalised URL, or {@code null}. */
    public static String host(String normalizedUrl) {
        if (normalizedUrl == null) {
            return null;
        }
        int start = normalizedUrl.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < normalizedUrl.length()) {
            char c = normalizedUrl.charAt(end);
            if (c == '/' || c == ':' || c == '?') {
                break;
            }
            end++;
        }
        return normalizedUrl.substring(start, end);
    }

    private static String hostFromAuthority(String authority) {
        if (authority == null) {
            return null;
        }
        String a = authority;
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(']') < colon) {
            a = a.substring(0, colon);
        }
        return a;
    }

    private static int portFromAuthority(String authority) {
        if (authority == null) {
            return -1;
        }
        int at = authority.lastIndexOf('@');
        String a = at >= 0 ? authority.substring(at + 1) : authority;
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(']') < colon && colon + 1 < a.length()) {
            try {
                return Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Strips surrounding whitespace and removes tabs and line breaks inside, as browsers do. */
    private static String stripControls(String s) {
        String t = s.strip();
        if (t.indexOf('\n') < 0 && t.indexOf('\r') < 0 && t.indexOf('\t') < 0) {
            return t;
        }
        return t.replaceAll("[\t\r\n]", "");
    }

    /** True when {@code host} is a syntactically valid host name or IP literal (IDN allowed). */
    public static boolean isValidHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = normalizeHost(host.strip());
        return h != null && !h.isEmpty() && !h.startsWith(".") && !h.contains("..");
    }

    /**
     * Whether {@code h} is dot-separated labels of 1 to 63 chars of {@code [a-z0-9_-]}, none starting with
     * {@code xn--}: {@link IDN#toASCII} returns such a host unchanged ({@code UrlNormalizerTest} compares them).
     */
    static boolean plainLabels(String h) {
        int label = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                if (++label > 63) {
                    return false;
                }
                if (label == 4 && h.startsWith("xn--", i - 3)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            return h;
        }
        if (!plainLabels(h)) { // a plain host (nearly every link) is its own IDN form: no conversion
            try {
                h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        // IDN mapping can itself end the name with a dot ("⒈" is "1."): strip it again, so normalising is idempotent
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return null;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return null;
            }
        }
        return h;
    }

    private static String filterQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(rawQuery.length());
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(param);
        }
        return sb.toString();
    }

    /** Percent-encodes characters that {@link URI} refuses (spaces, non-ASCII, quotes, pipes, ...). */
    /** Whether every char of {@code s} before {@code end} is a letter, digit, '+', '-' or '.'. */
    private static boolean schemeChars(String s, int end) {
        for (int i = 0; i < end; i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '+' || ch == '-' || ch == '.')) {
                return false;
            }
        }
        return true;
    }

    static String escapeIllegal(String s) {
        int authStart = -1;
        int authEnd = -1;
        int dslash = s.indexOf("//");
        if (dslash >= 0 && (dslash == 0 || s.charAt(dslash - 1) == ':' && schemeChars(s, dslash - 1))) {
            authStart = dslash + 2;
            authEnd = authStart;
            while (authEnd < s.length() && "/?#".indexOf(s.charAt(authEnd)) < 0) {
                authEnd++;
            }
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0;
            if (c == '%' && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)))) {
                ok = false;
            }
            if ((c == '[' || c == ']') && !(i >= authStart && i < authEnd)) {
                ok = false;
            }
            if (c > 0x7f && i >= authStart && i < authEnd && !Character.isWhitespace(c) && !Character.isISOControl(c)) {
                ok = true; // IDN host: converted to punycode later
            }
            if (ok) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16);
                sb.append(s, 0, i);
            }
            int cp = s.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(hex((b >> 4) & 0xf)).append(hex(b & 0xf));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Decodes escapes of unreserved characters and upper-cases the hex digits of the others. */
    static String normalizeEscapes(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                int v = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (v >= 'a' && v <= 'z' || v >= 'A' && v <= 'Z' || v >= '0' && v <= '9' || v == '-' || v == '.'
                        || v == '_' || v == '~') {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(hex(v >> 4)).append(hex(v & 0xf));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        String[] parts = path.split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (p.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (p.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(p);
            }
        }
        return "/" + String.join("/", out);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static char hex(int v) {
        return "0123456789ABCDEF".charAt(v & 0xf);
    }
}
