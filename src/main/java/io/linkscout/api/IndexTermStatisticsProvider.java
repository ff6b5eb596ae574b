package io.linkscout.api;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.TermStatisticsProvider;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.BackendTermStatistics;
import io.linkscout.search.Generations;
import io.linkscout.search.SearchBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Document frequencies for topic weights from a LinkScout index (replaces the no-op
 * {@link io.linkscout.nlp.NoTermStatisticsProvider}), read through the configured backend
 * ({@code linkscout.backend}, for {@code POST /api/topics} and the {@code topics} command alike): the embedded index itself, or the
 * OpenSearch alias, which must serve the embedded index's ingest ({@link Generations#requireSame}, checked once per
 * {@link #forIndex} call; a client per index generation, closed with it).
 *
 * <p>{@code null} (the API, and {@code topics} without {@code --index}) means the configured index, or no statistics
 * when none has been built. An explicit folder ({@code topics --index DIR}) must hold an index ({@link UserException}
 * 404 otherwise). Both are read through {@link IndexService}: every lookup acquires the current generation and
 * releases it, so statistics kept by a caller never read a closed reader.
 */
@ApplicationScoped
public class IndexTermStatisticsProvider implements TermStatisticsProvider {

    @Inject
    IndexService indexService;

    @Override
    public TermStatistics forIndex(Path indexDirOrNull) {
        return forIndex(indexDirOrNull, indexService.backend());
    }

    /** As {@link #forIndex(Path)}, the statistics read through {@code backend}. */
    TermStatistics forIndex(Path indexDirOrNull, BackendResolver.Choice backend) {
        IndexLayout layout = indexDirOrNull == null ? indexService.layout() : new IndexLayout(indexDirOrNull);
        if (indexDirOrNull == null && !layout.exists()) {
            return TermStatistics.NONE;
        }
        int numDocs;
        try (IndexService.Lease lease = indexService.acquire(layout)) {
            numDocs = statistics(lease.index(), backend, true).numDocs();
        } catch (UserException e) {
            if (indexDirOrNull != null || backend.opensearch()) {
                throw e; // an explicit index, or the cluster's answer (no idf from the embedded index alone)
            }
            return TermStatistics.NONE; // removed in between
        }
        return new TermStatistics() {
            @Override
            public int numDocs() {
                return numDocs;
            }

            @Override
            public int docFreq(String token) {
                try (IndexService.Lease lease = indexService.acquireCurrent(layout)) {
                    return statistics(lease.index(), backend, false).docFreq(token);
                }
            }

            @Override
            public TermStatistics forWords(java.util.Collection<String> words) {
                try (IndexService.Lease lease = indexService.acquireCurrent(layout)) {
                    return statistics(lease.index(), backend, false).forWords(words);
                }
            }
        };
    }

    /** The statistics of this generation through {@code backend}; {@code check}: that the cluster serves its ingest. */
    private static BackendTermStatistics statistics(LinkScoutIndex idx, BackendResolver.Choice backend,
            boolean check) {
        if (!backend.opensearch()) {
            return idx.cached(BackendTermStatistics.class, BackendTermStatistics::of);
        }
        Cluster c = idx.cached(Cluster.class, i -> Cluster.open(i, backend));
        if (check) {
            Generations.requireSame(idx, c.backend);
        }
        return c.statistics;
    }

    /** The OpenSearch client and statistics of one index generation (closed with it, as a cached value). */
    static final class Cluster implements Closeable {
        final SearchBackend backend;
        final BackendTermStatistics statistics;

        private Cluster(SearchBackend backend, BackendTermStatistics statistics) {
            this.backend = backend;
            this.statistics = statistics;
        }

        static Cluster open(LinkScoutIndex idx, BackendResolver.Choice choice) {
            SearchBackend b = choice.open();
            try {
                return new Cluster(b, new BackendTermStatistics(b, idx.analyzer()));
            } catch (RuntimeException e) {
                try {
                    b.close();
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            backend.close();
        }
    }
}
