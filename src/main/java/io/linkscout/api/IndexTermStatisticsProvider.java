package io.linkscout.api;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.IndexTermStatistics;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.TermStatisticsProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;

/**
 * Document frequencies for topic weights from a LinkScout index (replaces the no-op
 * {@link io.linkscout.nlp.NoTermStatisticsProvider}).
 *
 * <p>{@code null} (the API, and {@code topics} without {@code --index}) means the configured index served by
 * {@link IndexService}, or no statistics when none has been built. An explicit folder ({@code topics --index DIR})
 * must hold an index ({@link UserException} 404 otherwise); it is opened once, reopened when a newer commit appears,
 * and closed on shutdown.
 */
@ApplicationScoped
public class IndexTermStatisticsProvider implements TermStatisticsProvider {

    @Inject
    IndexService indexService;

    private final Map<Path, LinkScoutIndex> opened = new HashMap<>();
    private final Map<Path, LinkScoutIndex> previous = new HashMap<>();

    @Override
    public TermStatistics forIndex(Path indexDirOrNull) {
        if (indexDirOrNull == null) {
            if (!indexService.layout().exists()) {
                return TermStatistics.NONE;
            }
            try {
                return statistics(indexService.current());
            } catch (UserException e) {
                return TermStatistics.NONE; // removed in between
            }
        }
        IndexLayout layout = new IndexLayout(indexDirOrNull);
        if (layout.root().equals(indexService.layout().root())) {
            layout.requireExists();
            return statistics(indexService.current());
        }
        return statistics(open(layout));
    }

    private static TermStatistics statistics(LinkScoutIndex idx) {
        return idx.cached(IndexTermStatistics.class, IndexTermStatistics::new);
    }

    private synchronized LinkScoutIndex open(IndexLayout layout) {
        try {
            LinkScoutIndex idx = opened.get(layout.root());
            if (idx != null) {
                DirectoryReader changed = DirectoryReader.openIfChanged(idx.reader());
                if (changed == null) {
                    return idx;
                }
                changed.close();
            }
            LinkScoutIndex fresh = LinkScoutIndex.open(layout);
            LinkScoutIndex old = opened.put(layout.root(), fresh);
            if (old != null) {
                // like IndexService: the replaced generation is closed one swap later, so a request still
                // using it is not cut off
                LinkScoutIndex older = previous.put(layout.root(), old);
                if (older != null) {
                    closeQuietly(older);
                }
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        for (LinkScoutIndex idx : previous.values()) {
            closeQuietly(idx);
        }
        for (LinkScoutIndex idx : opened.values()) {
            closeQuietly(idx);
        }
        previous.clear();
        opened.clear();
    }

    private static void closeQuietly(LinkScoutIndex idx) {
        try {
            idx.close();
        } catch (IOException e) {
            // shutting down; nothing useful to do
        }
    }
}
