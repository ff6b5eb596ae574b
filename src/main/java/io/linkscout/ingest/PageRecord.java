package io.linkscout.ingest;

import java.util.List;

/**
 * A candidate linking page as read from any input format, before indexing.
 *
 * @param url       normalised URL; the page's identity (a page seen again replaces the old version)
 * @param title     page title, may be empty
 * @param text      main text, plain, whitespace-collapsed paragraphs separated by newlines
 * @param links     outgoing links in document order, normalised, without duplicates of the same target
 * @param emails    contact addresses found on the page ({@code mailto:} links), lower case, sorted, unique
 * @param fetchedAt when the page was fetched (ISO-8601), or {@code null} when unknown
 * @param source    where the record came from, e.g. {@code pages.jsonl.gz:12} or {@code crawl.warc.gz@4711}
 * @param contactUrls contact-page URLs found on the page (see {@link ContactExtractor}), sorted
 * @param social      social-profile URLs linked from the page, sorted
 * @param structure   headings and submission forms of an HTML page (see {@link PageStructure}); {@code null} when
 *                    the page came without markup (plain text, WET, WAT)
 */
public record PageRecord(String url, String title, String text, List<Link> links, List<String> emails,
        String fetchedAt, String source, List<String> contactUrls, List<String> social, PageStructure structure) {

    public PageRecord(String url, String title, String text, List<Link> links, List<String> emails,
            String fetchedAt, String source) {
        this(url, title, text, links, emails, fetchedAt, source, List.of(), List.of());
    }

    public PageRecord(String url, String title, String text, List<Link> links, List<String> emails,
            String fetchedAt, String source, List<String> contactUrls, List<String> social) {
        this(url, title, text, links, emails, fetchedAt, source, contactUrls, social, null);
    }

    public PageRecord {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        links = links == null ? List.of() : List.copyOf(links);
        emails = emails == null ? List.of() : List.copyOf(emails);
        contactUrls = contactUrls == null ? List.of() : List.copyOf(contactUrls);
        social = social == null ? List.of() : List.copyOf(social);
    }
}
