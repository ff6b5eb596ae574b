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
        String u = unquote(pyStrip(url));
        // urlsplit: leading C0 controls/space removed, tab/CR/LF removed anywhere
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
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        int q = u.indexOf('?');
        if (q >= 0) {
            query = u.substring(q + 1);
            u = u.substring(0, q);
        }
        String path = rstripSlash(u);
        if (path.isEmpty()) {
            path = "/";
        }
        return urlunsplit(scheme, pyLower(netloc), path, query);
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
