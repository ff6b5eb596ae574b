package io.linkscout.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Names of the Lucene fields LinkScout writes, and the analyzers that go with them. One document per page
 * ({@code type=page}), per registrable domain ({@code type=site}), and one raw document per catalog row
 * ({@code type=catalog}) and per authority-list row ({@code type=authority}) so that a later ingest can rebuild
 * the derived documents without the original files.
 */
public final class IndexFields {

    private IndexFields() {
    }

    public static final String TYPE = "type";
    public static final String TYPE_PAGE = "page";
    public static final String TYPE_SITE = "site";
    public static final String TYPE_CATALOG = "catalog";
    public static final String TYPE_AUTHORITY = "authority";
    /** Raw export row without a target page (referring domains, Search Console linking pages). */
    public static final String TYPE_EXPORT = "export";

    /** Identity: the page URL, the site's domain, or the catalog/authority row key. */
    public static final String ID = "id";
    public static final String URL = "url";
    public static final String HOST = "host";
    public static final String DOMAIN = "domain";

    /** Page title (English analysis; stored). */
    public static final String TITLE = "title";
    /** Main text (English analysis; not stored: see {@link #TEXT}). */
    public static final String BODY = "body";
    /** Main text as stored for evidence sentences and mention counting. */
    public static final String TEXT = "text";
    /** Length of {@link #TEXT} in characters (stored). */
    public static final String TEXT_LENGTH = "text_length";
    /**
     * Page: when it was published, in days since 1970-01-01 (stored int; absent when unknown): its dated permalink,
     * else its {@code fetched_at} ({@link io.linkscout.url.PublicationDate}).
     */
    public static final String PAGE_DATE = "page_date";
    /** Anchor text the page receives from other pages. */
    public static final String ANCHORS_IN = "anchors_in";
    /**
     * Outlink profile: anchors and titles of what the page (or, on a site document, the whole site) links to —
     * the "what does this site cite" signal.
     */
    public static final String OUTLINKS = "outlinks";

    /** Outgoing link counts (stored and as doc values). */
    public static final String OUT_LINKS = "out_links";
    public static final String OUT_LINKS_EXTERNAL = "out_links_external";
    /** registrable domains a page links to, other than its own (one indexed keyword each, not stored) */
    public static final String LINK_DOMAINS = "link_domains";
    /** Incoming links from other ingested pages (distinct source pages); no longer written (see {@link #PAGE_IN_LINKS}). */
    public static final String IN_LINKS = "in_links";
    /** Site: distinct registrable domains (other than its own) linking to it (an int field, stored). */
    public static final String REF_DOMAINS = "ref_domains";
    /**
     * Page: incoming links from other ingested pages (distinct source pages), a numeric doc value (read with
     * {@link LinkScoutIndex#pageLong(int, String)}): a new page linking to an old one changes it, and an incremental
     * ingest updates it in place instead of rewriting the page.
     */
    public static final String PAGE_IN_LINKS = "page_in_links";
    /**
     * Page: distinct registrable domains (other than its own) linking to it, a numeric doc value updated in place like
     * {@link #PAGE_IN_LINKS} (filter with {@code NumericDocValuesField.newSlowRangeQuery}).
     */
    public static final String PAGE_REF_DOMAINS = "page_ref_domains";
    public static final String EMAILS = "emails";
    /** Contact-page URL: on a site document the site's contact page (one value), on a page those it names. */
    public static final String CONTACT_URL = "contact_url";
    /** Social-profile URLs (stored, one value each) on site and page documents. */
    public static final String SOCIAL = "social";
    public static final String FETCHED_AT = "fetched_at";
    public static final String SOURCE = "source";

    /** Site fields from the catalog. */
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String TOPIC = "topic";
    public static final String COUNTRY = "country";
    /** Site: number of ingested pages. */
    public static final String PAGE_COUNT = "page_count";
    /** Site: JSON map of numeric figures (catalog columns, authority lists and backlink tools' metrics). */
    public static final String METRICS = "metrics";
    /**
     * Page and site known only from backlink exports (no text): {@code known from Ahrefs export} (stored; absent
     * otherwise).
     */
    public static final String KNOWN_FROM = "known_from";
    /** Page: JSON map of the backlink tools' page metrics ({@code ahrefs_ur}, ...; stored when there are some). */
    public static final String TOOL_METRICS = "tool_metrics";

    /** {@code FeatureField} holding static scoring features. */
    public static final String FEATURES = "features";
    /**
     * Feature name of the 0–100 authority inside {@link #FEATURES}. Sites: the exact value. Pages: the value rounded
     * down to a whole point ({@link #featureValue}), so that a page whose authority moves within its
     * point keeps its document; the exact value is the doc value {@link #AUTHORITY_VALUE}.
     */
    public static final String FEATURE_AUTHORITY = "authority";
    /**
     * Authority (0–100) at which the ranking's first-stage authority clause (a saturation query over
     * {@link #FEATURE_AUTHORITY}) gives half its weight.
     */
    public static final float AUTHORITY_PIVOT = 10f;
    /** 0–100 authority. Sites: stored and a numeric doc value; pages: a numeric doc value ({@link #PAGERANK}). */
    public static final String AUTHORITY_VALUE = "authority_value";
    /**
     * Raw PageRank, before scaling. Sites: stored and a numeric doc value. Pages: only a numeric doc value (a
     * {@code double}, like {@link #AUTHORITY_VALUE} on pages), so that an incremental ingest updates it in place
     * ({@code IndexWriter.updateDocValues}) without rewriting the page; read it with
     * {@link LinkScoutIndex#pageDouble(int, String)}.
     */
    public static final String PAGERANK = "pagerank";

    /** Authority, trust and spam (see io.linkscout.quality.SiteQuality; README "Authority, trust and spam"). */
    public static final String FEATURE_SPAM = "spam";
    /** Site: 0–100 spam score (stored; also in {@link #FEATURES} as {@link #FEATURE_SPAM}). */
    public static final String SPAM_SCORE = "spam_score";
    /** Site: JSON list of the spam flags that fired: code, message, evidence, weight, strength (stored). */
    public static final String SPAM_FLAGS = "spam_flags";
    /**
     * Page: 0–100 spam score, a numeric doc value (a {@code double}; read with
     * {@link LinkScoutIndex#pageDouble(int, String)}). It combines the domain's graph flags, which move with every
     * ingest, with the page's content flags: as a doc value an incremental ingest updates it in place instead of
     * rewriting every page of a flagged domain.
     */
    public static final String PAGE_SPAM = "page_spam";
    /**
     * Page: the spam flags that fired (JSON, as {@link #SPAM_FLAGS}), a binary doc value updated in place like
     * {@link #PAGE_SPAM}; read with {@link LinkScoutIndex#pageString(int, String)}.
     */
    public static final String PAGE_SPAM_FLAGS = "page_spam_flags";
    /** Site: 0–100 TrustRank and the raw TrustRank (stored). */
    public static final String TRUST = "trust";
    public static final String TRUSTRANK = "trustrank";
    /** Site: relative spam mass (p − p+)/p (stored). */
    public static final String SPAM_MASS = "spam_mass";
    /** Site: harmonic centrality on the domain graph (stored). */
    public static final String HARMONIC = "harmonic";
    /** Site: authority from the link graph alone, before any external prior is mixed in (stored). */
    public static final String GRAPH_AUTHORITY = "graph_authority";
    /** Site: JSON {prior, weight} of the external prior mixed into the authority (stored). */
    public static final String AUTHORITY_PRIOR = "authority_prior";
    /** Site: JSON map topic -> 0–100 topical authority (stored). */
    public static final String TOPICAL_AUTHORITY = "topical_authority";
    /** Site: JSON list of the top referring domains (stored). */
    public static final String REF_DOMAINS_TOP = "ref_domains_top";

    /** Stored JSON of the raw record (pages: without text), read back when the index is rebuilt. */
    public static final String RECORD = "record";

    /** Unique key of every document ({@code type:id}, indexed, not stored): the term of updates and deletes. */
    public static final String UID = "uid";
    /**
     * Fingerprint (stored long) of everything a page or site document derives from the rest of the corpus; an
     * incremental ingest rewrites a document only when its fingerprint changes (see {@link IndexBuilder}).
     */
    public static final String DERIVED_FP = "derived_fp";
    /** Page: JSON of its content spam measurements (stored), read back by the site aggregates of later ingests. */
    public static final String CONTENT_SIGNALS = "content_signals";
    /**
     * Page: its topics as the ingest-time extractor found them (best first; the {@code page_topics} enrichment of
     * {@code io.linkscout.jobs.earn}): one stored value per topic, the display phrase.
     */
    public static final String PAGE_TOPICS = "page_topics";
    /** Page: the comparison key of each of its {@link #PAGE_TOPICS} (one indexed keyword each, not stored). */
    public static final String PAGE_TOPIC_KEYS = "page_topic_keys";

    /** Commit user-data keys. */
    public static final String COMMIT_FORMAT = "linkscout.format";
    public static final String COMMIT_GRAPH = "linkscout.graph";
    public static final String COMMIT_BUILT_AT = "linkscout.built_at";
    public static final String FORMAT_VERSION = "1";
    /**
     * Commit user-data key present (value {@code "1"}) when every document has a {@link #UID} and a fingerprint, so
     * that the next ingest may be incremental; an index without it is rebuilt in full once.
     */
    public static final String COMMIT_INCREMENTAL = "linkscout.incremental";
    /**
     * Commit user-data key: the generation the ingest's mirror published with this commit (the physical OpenSearch
     * index behind the alias); absent when the commit was written without a mirror.
     */
    public static final String COMMIT_MIRROR = "linkscout.mirror";
    /**
     * Commit user-data key present while the graph scores are pending ({@code ingest --graph later}): the time
     * ({@link #COMMIT_BUILT_AT}) of the first ingest that left them for later. The pages' authority, PageRank,
     * in-links, referring domains and spam doc values, the site documents and the graph files are then those of an
     * earlier commit (a page read since then has none); {@code graph}, or an ingest with the graph step, completes them and removes it.
     */
    public static final String COMMIT_GRAPH_PENDING = "linkscout.graph.pending";

    /** The {@link #UID} of a document. */
    public static String uid(String type, String id) {
        return type + ':' + id;
    }

    /** Analyzer for every text field: English (stemming, stop words) except the exact-match fields. */
    public static Analyzer analyzer() {
        Analyzer english = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(english, Map.of(ID, new StandardAnalyzer()));
    }

    /**
     * The value a 0–100 figure (authority, spam) takes inside {@link #FEATURES}: FeatureField values must be
     * positive and finite, so it is shifted by a small epsilon.
     */
    public static float featureValue(double figure) {
        return (float) Math.max(figure, 0) + 0.01f;
    }
}
