package io.linkscout.outreach;

import io.linkscout.error.UserException;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.util.Locale;

/**
 * The won link a WON prospect records: the linking page ({@code wonUrl}) and where its link must point
 * ({@code wonTarget}: a URL, or a host/domain of which any page counts). Validated here, for REST and CLI alike.
 */
public final class WonLinks {

    private WonLinks() {
    }

    /** A linking page: an absolute http(s) URL with a valid host, normalised. */
    public static String pageUrl(String field, String value) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        String u = lower.startsWith("http://") || lower.startsWith("https://") ? UrlNormalizer.normalize(v) : null;
        if (u == null || !UrlNormalizer.isValidHost(UrlNormalizer.host(u))) {
            throw new UserException(field + ": \"" + value + "\" is not a usable http(s) URL (give the full address of"
                    + " the page, such as https://blog.example.org/post)");
        }
        return u;
    }

    /**
     * The expected target: a URL ({@code https://mysite.com/guide}: the link must point to that page, up to
     * http/https, a leading www. and a trailing slash) or a host or domain ({@code mysite.com}: any page of it).
     */
    public static String target(String field, String value) {
        String v = value.strip();
        if (v.contains("://")) {
            return pageUrl(field, v);
        }
        String host = v.indexOf('/') >= 0 || v.indexOf('?') >= 0 ? null
                : UrlNormalizer.host(UrlNormalizer.normalize("http://" + v + "/"));
        if (host == null || !UrlNormalizer.isValidHost(host)) {
            throw new UserException(field + ": \"" + value + "\" is neither a URL nor a domain (give the page the link"
                    + " must point to, such as https://mysite.com/guide, or a domain such as mysite.com)");
        }
        Domains.requireDomain(field, host);
        return host;
    }
}
