package io.linkscout.search;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.TermStatisticsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Document frequencies for topic weights from a LinkScout index (replaces the no-op
 * {@link io.linkscout.nlp.NoTermStatisticsProvider}), read through a backend: the embedded index itself, or the
 * OpenSearch alias, which must serve the embedded index's ingest ({@link Generations#requireSame}, checked once per
 * {@link #forIndex} call; a client per index generation and backend, closed with the generation). Both adapters use
 * it: {@code POST /api/topics} through the bean interface ({@link #forIndex(Path)}: the configured backend,
 * {@code linkscout.backend}), the {@code topics} command with the backend its {@code --backend},
 * {@code --opensearch-url}, {@code --index-name} resolve to ({@link #forIndex(Path, BackendResolver.Choice, boolean)}).
 *
 * <p>{@code null} (the API, and {@code topics} without {@code --index}) means the configured index, or no statistics
 * when none has been built (unless the caller requires one). An explicit folder ({@code topics --index DIR}) must
 * hold an index ({@link UserException} 404 otherwise). Both are read through {@link IndexService}: every lookup
 * acquires the current generation and releases it, so statistics kept by a caller never read a closed reader.
 */
@ApplicationScoped
public class IndexTermStatisticsProvider implements TermStatisticsProvider {

    @Inject
    IndexService indexService;

    /** The statistics of {@code indexDirOrNull} through the configured backend ({@code linkscout.backend}). */
    @Override
    public TermStatistics forIndex(Path indexDirOrNull) {
        return forIndex(indexDirOrNull, indexService.backend(), false);
    }

    /**
     * As {@link #forIndex(Path)}, the statistics read through {@code backend}.
     *
     * @param requireIndex with {@code indexDirOrNull} null: a missing configured index is a {@link UserException}
     *                     (404) instead of no statistics ({@code topics --backend opensearch}: the cluster's idf was
     *                     asked for, so a neutral one would be a silent wrong answer)
     */
    public TermStatistics forIndex(Path indexDirOrNull, BackendResolver.Choice backend, boolean requireIndex) {
        IndexLayout layout = indexDirOrNull == null ? indexService.layout() : new IndexLayout(indexDirOrNull);
        if (indexDirOrNull == null && !requireIndex && !layout.exists()) {
            return TermStatistics.NONE;
        }
        int numDocs;
        try (IndexService.Lease lease = indexService.acquire(layout)) {
            numDocs = statistics(lease.index(), backend, true).numDocs();
        } catch (UserException e) {
            if (indexDirOrNull != null || requireIndex || backend.opensearch()) {
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
        Cluster c = idx.cached(Clusters.class, i -> new Clusters()).get(idx, backend);
        if (check) {
            Generations.requireSame(idx, c.backend);
        }
        return c.statistics;
    }

    /** The clients of one index generation, one per backend asked for (closed with it, as a cached value). */
    static final class Clusters implements Closeable {
        private final java.util.Map<BackendResolver.Choice, Cluster> byChoice =
                new java.util.concurrent.ConcurrentHashMap<>();

        Cluster get(LinkScoutIndex idx, BackendResolver.Choice choice) {
            return byChoice.computeIfAbsent(choice, c -> Cluster.open(idx, c));
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Cluster c : byChoice.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            byChoice.clear();
            if (first != null) {
                throw first;
            }
        }
    }

    /** The OpenSearch client and statistics of one index generation and backend. */
    static final class Cluster implements Closeable {
        final SearchBackend backend;
        final BackendTermStatistics statistics;

        private Cluster(SearchBackend backend, BackendTermStatistics statistics) {
            this.backend = backend;
            this.statistics = statistics;
        }

        static Cluster open(LinkScoutIndex idx, BackendResolver.Choice choice) {
            SearchBackend b = choice.open(idx);
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
