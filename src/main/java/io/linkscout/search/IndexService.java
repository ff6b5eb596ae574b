package io.linkscout.search;

import io.linkscout.config.IndexSettings;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded indexes the adapters read — the API, and {@code topics} through {@link IndexTermStatisticsProvider}:
 * the configured one ({@code linkscout.index.dir}) and any folder a request or {@code --index} names. Each is
 * served by Lucene's {@link SearcherManager}: every use {@link #acquire() acquires} the current generation and
 * releases it when done ({@link Lease#close()}), so a generation stays open exactly as long as someone reads it,
 * however many refreshes happen meanwhile. <b>Refresh policy:</b> on request — every {@link #acquire()} first
 * calls {@link SearcherManager#maybeRefresh()} (cheap when nothing changed; when another thread is already
 * refreshing it returns at once), so a commit by {@code ingest}, {@code crawl} or {@code graph} is seen by the next
 * request. Each generation gets one {@link LinkScoutIndex} view (its link graphs, loaded when the generation is
 * opened because the next ingest deletes their files, and per-generation caches such as the shared recommender),
 * dropped when Lucene closes the generation's reader.
 */
@ApplicationScoped
public class IndexService {

    @Inject
    IndexSettings settings;

    private final Map<Path, Managed> managers = new ConcurrentHashMap<>();

    /** For CDI. */
    public IndexService() {
    }

    /** Outside CDI (tests): serves {@code dir} as the configured index. */
    IndexService(Path dir) {
        this.settings = () -> dir.toString();
    }

    /** What {@code serve}'s options chose instead of the configuration (null: the configuration). */
    private volatile IndexLayout servedLayout;
    private volatile BackendResolver.Choice servedBackend;

    /**
     * The index and backend {@code serve --index --backend --opensearch-url --index-name} chose (resolved by the
     * command, falling back to the configuration as every command does): from now on {@link #layout()} and
     * {@link #backend()} answer these instead of {@code linkscout.index.dir} and {@code linkscout.backend}.
     */
    public void serve(IndexLayout layout, BackendResolver.Choice backend) {
        this.servedLayout = layout;
        this.servedBackend = backend;
        if (backends != null) {
            backends.serve(backend); // the shared recommender (rank.Rankers) asks the resolver
        }
    }

    /** The served index: {@code serve --index}, else the configured one ({@code linkscout.index.dir}). */
    public IndexLayout layout() {
        IndexLayout served = servedLayout;
        return served != null ? served : new IndexLayout(Path.of(settings.dir()));
    }

    /**
     * The latest committed generation of the configured index, until the lease is closed; a {@link UserException}
     * (404, saying how to create one) when there is no index. Use with try-with-resources, around the whole use.
     */
    public Lease acquire() {
        return acquire(layout());
    }

    /** As {@link #acquire()} for the index at {@code layout}. */
    public Lease acquire(IndexLayout layout) {
        return generations(layout).acquire(true);
    }

    /**
     * As {@link #acquire(IndexLayout)} without looking for a newer commit first: for many short reads within one
     * request (the idf lookups of topic extraction), after one {@link #acquire(IndexLayout)} has refreshed.
     */
    Lease acquireCurrent(IndexLayout layout) {
        return generations(layout).acquire(false);
    }

    private Managed generations(IndexLayout layout) {
        layout.requireExists();
        return managers.computeIfAbsent(layout.root().toAbsolutePath().normalize(), root -> Managed.open(layout));
    }

    /** Runs {@code use} on the current generation of the configured index and releases it afterwards. */
    public <T> T withIndex(Function<LinkScoutIndex, T> use) {
        try (Lease lease = acquire()) {
            return use.apply(lease.index());
        }
    }

    @Inject
    BackendResolver backends;

    /**
     * Runs {@code use} on the current generation of the configured index with the configured backend's reader
     * ({@code linkscout.backend}): the embedded index itself, or the OpenSearch alias, which must serve the same
     * ingest ({@link Generations}); both are released afterwards.
     */
    public <T> T withBackend(java.util.function.BiFunction<LinkScoutIndex, SearchBackend, T> use) {
        return withIndex(idx -> backend().with(idx, b -> use.apply(idx, b)));
    }

    /**
     * The served backend: {@code serve --backend ...}, else the configured one ({@code linkscout.backend}); the
     * embedded index alone when none is injected.
     */
    public BackendResolver.Choice backend() {
        BackendResolver.Choice served = servedBackend;
        if (served != null) {
            return served;
        }
        return backends == null ? BackendResolver.Choice.LUCENE : backends.configured();
    }

    @PreDestroy
    void close() {
        for (Managed g : managers.values()) {
            g.close();
        }
        managers.clear();
    }

    /** One acquired generation: {@link #index()} is readable until {@link #close()}, which releases it. */
    public static final class Lease implements AutoCloseable {
        private final SearcherManager manager;
        private final IndexSearcher searcher;
        private final LinkScoutIndex index;
        private boolean released;

        private Lease(SearcherManager manager, IndexSearcher searcher, LinkScoutIndex index) {
            this.manager = manager;
            this.searcher = searcher;
            this.index = index;
        }

        public LinkScoutIndex index() {
            if (released) {
                throw new IllegalStateException("the index lease was already released");
            }
            return index;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                manager.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The {@link SearcherManager} of one index folder and the {@link LinkScoutIndex} view of each open reader. */
    private static final class Managed implements Closeable {
        private final Directory directory;
        private final SearcherManager manager;
        private final Map<IndexReader.CacheKey, LinkScoutIndex> views = new ConcurrentHashMap<>();

        private Managed(IndexLayout layout) throws IOException {
            this.directory = FSDirectory.open(layout.lucene());
            try {
                this.manager = new SearcherManager(directory, new SearcherFactory() {
                    @Override
                    public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                        LinkScoutIndex view = LinkScoutIndex.over(layout, (DirectoryReader) reader);
                        try {
                            // now, while the commit's graph files exist: the next ingest removes them, and a
                            // request may still be reading this generation then
                            view.pageGraph();
                            view.domainGraph();
                        } catch (RuntimeException e) {
                            // an index without graphs (or already replaced): the first use reports it
                        }
                        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
                        views.put(helper.getKey(), view);
                        helper.addClosedListener(key -> {
                            LinkScoutIndex closed = views.remove(key);
                            if (closed != null) {
                                closed.closeCached(); // its OpenSearch clients go with the generation
                            }
                        });
                        return view.searcher();
                    }
                });
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        }

        static Managed open(IndexLayout layout) {
            try {
                return new Managed(layout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Lease acquire(boolean refresh) {
            try {
                if (refresh) {
                    manager.maybeRefresh();
                }
                IndexSearcher s = manager.acquire();
                LinkScoutIndex view = views.get(s.getIndexReader().getReaderCacheHelper().getKey());
                return new Lease(manager, s, view);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Open generations (for tests). */
        int openViews() {
            return views.size();
        }

        @Override
        public void close() {
            try {
                manager.close();
            } catch (IOException e) {
                // shutting down; nothing useful to do
            } finally {
                try {
                    directory.close();
                } catch (IOException e) {
                    // same
                }
            }
        }
    }

    /** How many generations of the configured index are open (the current one and any still leased). */
    int openGenerations() {
        Managed g = managers.get(layout().root().toAbsolutePath().normalize());
        return g == null ? 0 : g.openViews();
    }
}
