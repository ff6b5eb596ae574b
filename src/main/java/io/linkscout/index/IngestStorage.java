package io.linkscout.index;

import java.io.OutputStream;
import org.apache.lucene.store.Directory;

/**
 * What every byte an ingest writes goes through: the Lucene files, the graph files and the staging spill. In
 * production straight to disk ({@link #DISK}); a test wraps them to run out of space at a chosen byte
 * ({@code DiskFullIngestTest}).
 */
interface IngestStorage {

    IngestStorage DISK = new IngestStorage() {
        @Override
        public Directory directory(Directory d) {
            return d;
        }

        @Override
        public OutputStream stream(String file, OutputStream out) {
            return out;
        }
    };

    /** The index's Lucene directory as the writer uses it. */
    Directory directory(Directory d);

    /** The output stream of a graph or spill file ({@code file}: its name). */
    OutputStream stream(String file, OutputStream out);
}
