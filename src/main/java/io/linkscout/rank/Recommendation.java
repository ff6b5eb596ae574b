package io.linkscout.rank;

import java.util.List;

/**
 * One recommended page or site, with everything needed to judge it.
 *
 * @param rank          1-based position
 * @param url           the page (for a site: its best page, the evidence)
 * @param domain        registrable domain
 * @param title         page title
 * @param score         model score (higher is better; comparable within one request)
 * @param authority     0–100 authority (page PageRank for pages; domain-graph PageRank for sites)
 * @param pages         for sites: how many of the site's pages were candidates; 1 for pages
 * @param contributions each feature's raw value and contribution to the score, largest effect first
 * @param matchedTopics the content's topics that the page shares: those whose key one of the page's topics stored at
 *                      ingest contains ({@code io.linkscout.nlp.PageTopics#shared}), in the content's order
 * @param evidence      why: the sentence naming the content, pages it cites that the content names, ...
 * @param flags         spam or quality flags that fired (empty when none)
 */
public record Recommendation(int rank, String url, String domain, String title, double score, double authority,
        int pages, List<Contribution> contributions, List<String> matchedTopics, List<Evidence> evidence,
        List<String> flags) {

    /** The same result with another score (a site's aggregate score instead of its best page's). */
    public Recommendation withScore(double s) {
        return new Recommendation(rank, url, domain, title, s, authority, pages, contributions, matchedTopics, evidence,
                flags);
    }

    /** A feature's part in the score. */
    public record Contribution(String feature, String description, double value, double contribution) {
    }

    /**
     * A piece of evidence.
     *
     * @param kind {@code mention} (the page names the content), {@code cites} (the page links to a page the
     *             content names), {@code similar} (the page links to a page similar to the content),
     *             {@code named-by-content} (the content names this page), {@code supporting-page}
     * @param text the sentence or title
     * @param url  the page the evidence is on or points to
     */
    public record Evidence(String kind, String text, String url) {
    }
}
