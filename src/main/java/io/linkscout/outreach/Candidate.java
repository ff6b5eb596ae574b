package io.linkscout.outreach;

import java.util.List;

/**
 * A prospect to add, from any source (the shortlist, a job, a person): a domain or URL, and optionally the
 * evidence page, score, explanation and contacts.
 *
 * @param domainOrUrl     registrable domain, host or URL (reduced to its registrable domain); required
 * @param pageUrl         the evidence page (default: the URL given as domainOrUrl, if it was one)
 * @param title           the page's title
 * @param score           score at the time (null when the source has none)
 * @param authority       0–100 authority at the time
 * @param reasons         the top reasons as one line
 * @param explanationJson the full explanation as JSON
 * @param emails          contact addresses (when empty, the index's site document is read)
 * @param contactUrl      contact page (when null, the index's site document is read)
 */
public record Candidate(String domainOrUrl, String pageUrl, String title, Double score, Double authority,
        String reasons, String explanationJson, List<String> emails, String contactUrl) {

    public static Candidate of(String domainOrUrl) {
        return new Candidate(domainOrUrl, null, null, null, null, null, null, List.of(), null);
    }
}
