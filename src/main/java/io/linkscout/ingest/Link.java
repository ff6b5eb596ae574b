package io.linkscout.ingest;

import java.util.Locale;

/**
 * One outgoing hyperlink of a page.
 *
 * @param url    absolute, normalised target URL (see {@link io.linkscout.url.UrlNormalizer})
 * @param anchor anchor text, whitespace-collapsed; empty when none
 * @param rel    the link's {@code rel} tokens that matter for link building, lower case and space separated,
 *               a subset of {@code nofollow sponsored ugc}; empty for a plain (followed) link
 */
public record Link(String url, String anchor, String rel) {

    public Link {
        anchor = anchor == null ? "" : anchor;
        rel = normaliseRel(rel);
    }

    public static Link of(String url) {
        return new Link(url, "", "");
    }

    /** True when the link passes no authority by default (nofollow, sponsored or ugc). */
    public boolean unfollowed() {
        return !rel.isEmpty();
    }

    /** Keeps only the rel tokens LinkScout understands, in a fixed order. */
    public static String normaliseRel(String rel) {
        if (rel == null || rel.isBlank()) {
            return "";
        }
        String r = " " + rel.toLowerCase(Locale.ROOT).replace(',', ' ') + " ";
        StringBuilder sb = new StringBuilder();
        for (String t : new String[] {"nofollow", "sponsored", "ugc"}) {
            if (r.matches("(?s).*\\s" + t + "\\s.*")) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }
}
