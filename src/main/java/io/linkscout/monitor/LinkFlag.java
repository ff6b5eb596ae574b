package io.linkscout.monitor;

/** What a check of a won link found wrong (none: the link is there and followed, or the page could not be judged). */
public enum LinkFlag {
    /** The page answers (2xx HTML) but no link to the target is on it any more. */
    LINK_LOST,
    /** The link is there but no longer passes endorsement: rel nofollow, ugc or sponsored, or a page-level nofollow. */
    LINK_NOFOLLOW,
    /** The page is gone: HTTP 404 or 410 (after redirects), or its host no longer resolves (DNS). */
    PAGE_GONE
}
