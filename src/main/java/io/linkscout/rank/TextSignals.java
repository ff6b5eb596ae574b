package io.linkscout.rank;

import io.linkscout.search.QuerySpec;
import java.util.List;

/**
 * Where the ranking's text signals come from: the embedded Lucene index ({@link LuceneSignals}: block-max WAND top
 * k, scorers advanced over the candidates) or any {@link io.linkscout.search.SearchBackend} ({@link BackendSignals}:
 * an OpenSearch cluster). Documents are the embedded index's doc ids, keyed by page-graph node (URL order) for
 * ties, so both give the {@link Recommender} the same candidates and features.
 */
interface TextSignals {

    /**
     * The k best pages of {@code query} (null: none), best first, ties by the smaller node (URL); pages outside the
     * page graph are never counted; only positive scores unless {@code allowZero}.
     */
    List<TopK.Hit> top(QuerySpec query, int k, boolean allowZero);

    /** The score of {@code query} (null: 0) for each of {@code docs} (ascending doc ids), 0 where it does not match. */
    float[] scores(QuerySpec query, int[] docs);

    /** Documents {@code query} matches (0 for null). */
    long count(QuerySpec query);

    /**
     * Exact mentions in the body of each of {@code docs}: {count, first position, covered} where count is the
     * matches of the disjunction of the {@code phrases} (texts analysed as phrases: every match of every distinct
     * phrase, as Lucene's {@code Matches} of the disjunction counts them), first the earliest match's position
     * (-1 for none) and covered the matches, inside the same body, of the {@code longer} phrases (0 when count is
     * 0).
     */
    int[][] mentions(List<String> phrases, List<String> longer, int[] docs);

    /**
     * What an explanation reads of a page, in one read of its stored fields: its text (for evidence sentences; ""
     * when none) and its topics ({@link io.linkscout.index.IndexFields#PAGE_TOPICS}, best first; empty when none).
     */
    record Stored(String text, List<String> topics) {
    }

    /** The page's stored text and topics. */
    Stored stored(int doc);

    /**
     * The signals one query's ranking reads (one thread, not kept after it): the same answers, possibly sharing
     * work between the query's calls (the embedded index shares its term look-ups). By default these signals.
     */
    default TextSignals forQuery() {
        return this;
    }
}
