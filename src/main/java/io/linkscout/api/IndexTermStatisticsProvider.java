package io.linkscout.api;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.TermStatisticsProvider;
import io.linkscout.search.BackendTermStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Document frequencies for topic weights from a LinkScout index (replaces the no-op
 * {@link io.linkscout.nlp.NoTermStatisticsProvider}).
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
        IndexLayout layout = indexDirOrNull == null ? indexService.layout() : new IndexLayout(indexDirOrNull);
        if (indexDirOrNull == null && !layout.exists()) {
            return TermStatistics.NONE;
        }
        int numDocs;
        try (IndexService.Lease lease = indexService.acquire(layout)) {
            numDocs = statistics(lease.index()).numDocs();
        } catch (UserException e) {
            if (indexDirOrNull != null) {
                throw e;
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
                    return statistics(lease.index()).docFreq(token);
                }
            }

            @Override
            public TermStatistics forWords(java.util.Collection<String> words) {
                try (IndexService.Lease lease = indexService.acquireCurrent(layout)) {
                    return statistics(lease.index()).forWords(words);
                }
            }
        };
    }

    private static BackendTermStatistics statistics(LinkScoutIndex idx) {
        return idx.cached(BackendTermStatistics.class, BackendTermStatistics::of);
    }
}
