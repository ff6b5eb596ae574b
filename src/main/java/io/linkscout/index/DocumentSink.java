package io.linkscout.index;

import java.io.IOException;
import org.apache.lucene.document.Document;

/**
 * The write side of an index backend: every document one ingest generation writes (pages, sites and the raw
 * catalog, authority and export rows, with the fields of {@link IndexFields}), then one atomic commit. The embedded
 * Lucene index is written by {@link IndexBuilder} itself (its {@code IndexTransaction}); a sink given to
 * {@link IndexBuilder#setMirror} receives the same documents — a full rebuild — for another backend (OpenSearch:
 * the OpenSearch index writer of the search package, which writes a new physical index and switches an alias).
 *
 * <p>Order: {@link #add} for every document (from several threads at once), {@link #prepareCommit} right before the
 * Lucene commit (a failure there leaves the Lucene index at its previous commit too), {@link #commit} right after it;
 * {@link #abort} instead when the ingest fails before its Lucene commit.
 */
public interface DocumentSink {

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
