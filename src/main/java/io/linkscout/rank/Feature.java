package io.linkscout.rank;

import java.util.Arrays;
import java.util.List;

/**
 * The ranking features. Each belongs to a family (for ablations and explanations) and says in plain words what
 * it measures. Values are raw; the model file says how each is transformed and weighted.
 */
public enum Feature {
    BM25_TITLE("bm25_title", Family.RELEVANCE, "BM25 of the page text for the content's title words"),
    BM25_TERMS("bm25_terms", Family.RELEVANCE, "BM25 of the page text for the content's top tf-idf terms"),
    BM25_LEAD("bm25_lead", Family.RELEVANCE, "BM25 of the page text for the content's lead paragraph"),
    TITLE_FIELD("title_terms", Family.RELEVANCE, "BM25 of the page title for the content's top terms"),
    MENTION_BM25("mention_bm25", Family.MENTION, "BM25 of the exact title phrase in the page text"),
    MENTION_ANY("mention_any", Family.MENTION, "the page names the content's title (1) or not (0)"),
    FREE_MENTION("free_mention", Family.MENTION,
            "the page names the title on its own, not only inside a longer known title (\"Hoover Dam\" for \"Dam\")"),
    MENTION_BROAD("mention_broad", Family.MENTION,
            "the page names the title, discounted by how many pages name it (ln of that count; 0 if no mention)"),
    PARTIAL_TITLE("partial_title", Family.MENTION,
            "the page names the leading words of the content's title (BM25 of that phrase)"),
    LAST_WORD("last_word", Family.MENTION, "the page uses the last word of the content's title (BM25)"),
    MENTION_COUNT("mention_count", Family.MENTION, "times the page names the content's title"),
    MENTION_EARLY("mention_early", Family.MENTION, "how early the page first names the content's title"),
    MENTION_DENSITY("mention_density", Family.MENTION, "title mentions per 1,000 words of the page"),
    REVERSE_ANY("reverse_any", Family.MENTION, "the content names this page's title (1) or not (0)"),
    REVERSE_MENTION("reverse_mention", Family.MENTION, "times the content names this page's title"),
    REVERSE_EARLY("reverse_early", Family.MENTION, "how early the content first names this page's title"),
    OUTLINKS_TITLE("outlinks_title", Family.CITATION, "BM25 of what the page links to for the content's title"),
    OUTLINKS_TERMS("outlinks_terms", Family.CITATION, "BM25 of what the page links to for the content's terms"),
    COCITATION("cocitation", Family.CITATION,
            "the page links to pages the content names (idf-weighted count)"),
    SIMILAR_LINKS("similar_links", Family.CITATION,
            "the page links to the pages most similar to the content (rank-discounted)"),
    OUT_DEGREE("out_degree", Family.CITATION, "how many links the page has (its linking habit)"),
    LENGTH("length", Family.RELEVANCE, "length of the page text (characters)"),
    IN_DEGREE("in_degree", Family.AUTHORITY, "links the page receives from other ingested pages"),
    AUTHORITY("authority", Family.AUTHORITY, "PageRank authority of the page, 0-100"),
    SPAM("spam", Family.SPAM, "spam score of the page, 0-100 (the flags that fired are listed with the result)"),
    TITLE_REL("bm25_title_rel", Family.RELEVANCE,
            "BM25 for the content's title words relative to the best candidate of this content (0-1)"),
    TERMS_REL("bm25_terms_rel", Family.RELEVANCE,
            "BM25 for the content's top terms relative to the best candidate of this content (0-1)"),
    LEAD_REL("bm25_lead_rel", Family.RELEVANCE,
            "BM25 for the content's lead paragraph relative to the best candidate of this content (0-1)"),
    EXTERNAL_LINKS("external_links", Family.CITATION, "links from the page to other sites"),
    SITE_FIT("site_fit", Family.SITE,
            "how much the page's whole site writes about the content: its 5 best pages' term BM25, relative to the "
                    + "best page of any site (0-1)"),
    SITE_LINKS_SIMILAR("site_links_similar", Family.SITE,
            "the page's site links to other sites that write about the content (their site fit, weighted by ln links)"),
    SITE_OUT_DOMAINS("site_out_domains", Family.SITE, "distinct other sites the page's site links to (its linking habit)"),
    LINKS_OWN_SITE("links_own_site", Family.SITE,
            "links the page's site already gives the content's own site (0 when the content's site is not known)"),
    PAGE_LINKS_OWN("page_links_own", Family.SITE, "the page links to other pages of the content's own site (1) or not (0)"),
    PAGE_TOPICS("page_topics", Family.RELEVANCE,
            "the content's topics that are also topics of the page (its keyphrases stored at ingest), idf-weighted"),
    DATED_AFTER("dated_after", Family.RECENCY,
            "the page was published on or after the content (1), before it (-1), or either date is unknown (0)");

    /** Signal families, removed one at a time in the benchmark's ablation. */
    public enum Family {
        RELEVANCE, MENTION, CITATION, AUTHORITY, SPAM, SITE, RECENCY
    }

    public final String key;
    public final Family family;
    public final String description;

    Feature(String key, Family family, String description) {
        this.key = key;
        this.family = family;
        this.description = description;
    }

    public static Feature byKey(String key) {
        for (Feature f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(f -> f.key).toList();
    }
}
