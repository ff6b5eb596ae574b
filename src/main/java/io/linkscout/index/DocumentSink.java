package io.linkscout.index;

import java.io.IOException;
import org.apache.lucene.document.Document;

/**
 * The write side of an index backend: every document one ingest generation writes (pages, sites and the raw
 * catalog, authority and export rows, with the fields of {@link IndexFields}), then one atomic commit. The embedded
 * Lucene index is written by {@link IndexBuilder} itself (its {@code IndexTransaction}); a sink given to
 * {@link IndexBuilder#setMirror} receives the same documents for another backend (OpenSearch: the OpenSearch index
 * writer of the search package, which writes a new physical index — a copy of the published one plus what changed,
 * or every document — and switches an alias).
 *
 * <p>Order: {@link #add} for every document (from several threads at once), {@link #prepareCommit} right before the
 * Lucene commit (a failure there leaves the Lucene index at its previous commit too), {@link #commit} right after it;
 * {@link #abort} instead when the ingest fails before its Lucene commit.
 */
public interface DocumentSink {

    /**
     * Starts the new generation, before any {@link #add}. {@code previous}: the generation the embedded index's last
     * commit recorded ({@link IndexFields#COMMIT_MIRROR}) when the ingest could be incremental, else null. A sink
     * that can start from a copy of {@code previous} — still the one it publishes — returns true and then receives
     * only what changes: {@link #add} for documents written again (replacing the copy's document of the same uid)
     * and {@link #update} for values updated in place. False: a full generation, every document through
     * {@link #add} (the ingest is then a full rebuild).
     */
    default boolean begin(String previous) throws IOException {
        return false;
    }

    /**
     * A kept document's values that moved (doc values updated in place: a page's graph scores, its spam score and
     * flags): on a generation started from a copy ({@link #begin} true), a partial update of those fields only.
     */
    default void update(String type, String id, java.util.List<org.apache.lucene.index.IndexableField> values)
            throws IOException {
        throw new UnsupportedOperationException("this sink takes whole generations only");
    }

    /** One document of the new generation; called from several threads at once. */
    void add(Document doc) throws IOException;

    /** Everything added is durable and searchable in the new generation, not yet published. */
    void prepareCommit() throws IOException;

    /** Publishes the new generation (readers switch to it at once). */
    void commit() throws IOException;

    /**
     * The name of the new generation on the other backend, recorded in the Lucene commit
     * ({@link IndexFields#COMMIT_MIRROR}) so that a reader can tell whether both are of the same ingest; null: none.
     */
    default String generation() {
        return null;
    }

    /** Throws the new generation away; readers keep the previous one. Never throws. */
    void abort();
}
