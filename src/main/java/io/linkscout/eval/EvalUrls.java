package io.linkscout.eval;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * URL comparison key used by the link-prediction benchmark, a faithful port of {@code norm()} in
 * {@code bench/eval_linkpred.py}: strip whitespace, percent-decode (UTF-8, invalid bytes become U+FFFD), split
 * like Python's {@code urllib.parse.urlsplit}, lower-case scheme and host (the whole netloc), strip trailing
 * slashes from the path ({@code "/"} when empty), keep the query, drop the fragment.
 *
 * <p>This is deliberately not {@link io.linkscout.url.UrlNormalizer}: the benchmark's key must be identical to
 * the Python scorer's so that figures agree to the last digit.
 */
public final class EvalUrls {

    private static final String SCHEME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";
    private static final java.util.Set<String> USES_NETLOC = java.util.Set.of("", "ftp", "http", "gopher", "nntp",
            "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews", "prospero", "rtsp", "rtspu", "rsync",
            "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss");

    private EvalUrls() {
    }

    /** The benchmark's comparison key for {@code url}; equal keys mean the same page. */
    public static String normalise(String url) {
        Split p = urlsplit(unquote(pyStrip(url)));
        String path = rstripSlash(p.path());
        if (path.isEmpty()) {
            path = "/";
        }
        return urlunsplit(p.scheme(), pyLower(p.netloc()), path, p.query());
    }

    /**
     * Parts of a URL as Python 3.11's {@code urllib.parse.urlsplit} gives them (scheme lower-cased).
     *
     * @param valid false where {@code urlsplit} raises {@code ValueError} (unbalanced or invalid brackets in the
     *              netloc, characters that NFKC-normalise to {@code / ? # @ :})
     */
    record Split(String scheme, String netloc, String path, String query, String fragment, boolean valid) {

        /** {@code SplitResult.hostname}: the host of the netloc, lower-cased; null when empty. */
        String hostname() {
            String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
            int br = hostinfo.indexOf('[');
            String host;
            if (br >= 0) {
                String bracketed = hostinfo.substring(br + 1);
                int close = bracketed.indexOf(']');
                host = close >= 0 ? bracketed.substring(0, close) : bracketed;
            } else {
                int colon = hostinfo.indexOf(':');
                host = colon >= 0 ? hostinfo.substring(0, colon) : hostinfo;
            }
            if (host.isEmpty()) {
                return null;
            }
            int pct = host.indexOf('%');
            return pct < 0 ? pyLower(host) : pyLower(host.substring(0, pct)) + host.substring(pct);
        }
    }

    /** Python 3.11's {@code urllib.parse.urlsplit(url)}. */
    static Split urlsplit(String url) {
        String u = url;
        // leading C0 controls/space removed, tab/CR/LF removed anywhere
        int start = 0;
        while (start < u.length() && u.charAt(start) <= ' ') {
            start++;
        }
        u = u.substring(start);
        if (u.indexOf('\t') >= 0 || u.indexOf('\r') >= 0 || u.indexOf('\n') >= 0) {
            u = u.replace("\t", "").replace("\r", "").replace("\n", "");
        }
        String scheme = "";
        String netloc = "";
        String query = "";
        String fragment = "";
        boolean valid = true;
        int colon = u.indexOf(':');
        if (colon > 0 && isAsciiAlpha(u.charAt(0))) {
            boolean ok = true;
            for (int i = 0; i < colon; i++) {
                if (SCHEME_CHARS.indexOf(u.charAt(i)) < 0) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
                u = u.substring(colon + 1);
            }
        }
        if (u.startsWith("//")) {
            int delim = u.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int w = u.indexOf(c, 2);
                if (w >= 0) {
                    delim = Math.min(delim, w);
                }
            }
            netloc = u.substring(2, delim);
            u = u.substring(delim);
            boolean open = netloc.indexOf('[') >= 0;
            boolean close = netloc.indexOf(']') >= 0;
            if (open != close) {
                valid = false;
            } else if (open) {
                String rest = netloc.substring(netloc.indexOf('[') + 1);
                int end = rest.indexOf(']');
                valid = validBracketedHost(end >= 0 ? rest.substring(0, end) : rest);
            }
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            fragment = u.substring(hash + 1);
            u = u.substring(0, hash);
        }
        int q = u.indexOf('?');
        if (q >= 0) {
            query = u.substring(q + 1);
            u = u.substring(0, q);
        }
        return new Split(scheme, netloc, u, query, fragment, valid && validNetloc(netloc));
    }

    /** {@code urllib.parse._check_bracketed_host}: an IPvFuture literal, or an IPv6 (not IPv4) address. */
    private static boolean validBracketedHost(String h) {
        if (h.startsWith("v")) {
            return h.matches("(?s)v[a-fA-F0-9]+\\..+");
        }
        return h.indexOf(':') >= 0 && com.google.common.net.InetAddresses.isInetAddress(h);
    }

    /** {@code urllib.parse._checknetloc}: no character that NFKC-normalises to one of {@code / ? # @ :}. */
    private static boolean validNetloc(String netloc) {
        if (netloc.isEmpty() || netloc.chars().allMatch(c -> c < 0x80)) {
            return true;
        }
        String n = netloc.replace("@", "").replace(":", "").replace("#", "").replace("?", "");
        String n2 = java.text.Normalizer.normalize(n, java.text.Normalizer.Form.NFKC);
        if (n.equals(n2)) {
            return true;
        }
        for (char c : "/?#@:".toCharArray()) {
            if (n2.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    // Python 3.11 urlunsplit (fragment always empty here)
    private static String urlunsplit(String scheme, String netloc, String url, String query) {
        if (!netloc.isEmpty() || (!scheme.isEmpty() && USES_NETLOC.contains(scheme) && !url.startsWith("//"))) {
            if (!url.isEmpty() && url.charAt(0) != '/') {
                url = "/" + url;
            }
            url = "//" + netloc + url;
        }
        if (!scheme.isEmpty()) {
            url = scheme + ":" + url;
        }
        if (!query.isEmpty()) {
            url = url + "?" + query;
        }
        return url;
    }

    private static boolean isAsciiAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String rstripSlash(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.lower()} for the cases that matter in host names (full Unicode lower case). */
    private static String pyLower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code str.isspace()}. */
    static boolean isPySpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** Python's {@code str.strip()} with no arguments. */
    static String pyStrip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isPySpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isPySpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /**
     * Python's {@code urllib.parse.unquote}: runs of ASCII characters are percent-decoded to bytes and decoded as
     * UTF-8 with replacement; non-ASCII characters are kept as they are.
     */
    static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && s.charAt(j) < 0x80) {
                j++;
            }
            if (j > i) {
                out.append(decodeAsciiRun(s.substring(i, j)));
                i = j;
            }
            while (j < s.length() && s.charAt(j) >= 0x80) {
                j++;
            }
            out.append(s, i, j);
            i = j;
        }
        return out.toString();
    }

    private static String decodeAsciiRun(String run) {
        if (run.indexOf('%') < 0) {
            return run;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(run.length());
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c == '%' && i + 2 < run.length()
                    && hex(run.charAt(i + 1)) >= 0 && hex(run.charAt(i + 2)) >= 0) {
                bytes.write(hex(run.charAt(i + 1)) * 16 + hex(run.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
