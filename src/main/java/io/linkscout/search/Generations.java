package io.linkscout.search;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Whether a {@link SearchBackend} and the embedded index are of one ingest. Everything that reads its text signals
 * from OpenSearch ({@code recommend}, the jobs, {@code serve}) still reads the link graphs, the page table and the
 * stored fields from the embedded index, so both must hold the same documents.
 */
public final class Generations {

    private Generations() {
    }

    /**
     * The backend must serve the generation the embedded index's last commit was ingested with
     * ({@link IndexFields#COMMIT_MIRROR}); else a {@link UserException} saying which ingest to run. The embedded
     * index itself (no generation) always passes.
     */
    public static void requireSame(LinkScoutIndex index, SearchBackend backend) {
        String local = index.commitData().get(IndexFields.COMMIT_MIRROR);
        String remote;
        try {
            remote = backend.generation().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (remote != null && !remote.equals(local)) {
            throw new UserException("the embedded index at " + index.layout().root() + " is "
                    + (local == null ? "not from an ingest that published to OpenSearch (its last commit was written "
                    + "without --backend opensearch, e.g. by graph or a plain ingest)" : "from the ingest that "
                    + "published " + local) + ", but " + backend.describe() + " serves " + remote + ": the "
                    + "ranking and the jobs read the link graphs, page table and stored fields from the embedded "
                    + "index and every text signal from OpenSearch, so both must be of one ingest. Run linkscout ingest --backend opensearch "
                    + "with this --index and --index-name, or point --index at that ingest's index");
        }
    }
}
