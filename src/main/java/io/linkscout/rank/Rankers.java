package io.linkscout.rank;

import io.linkscout.config.AuthoritySettings;
import io.linkscout.config.RankerSettings;
import io.linkscout.error.UserException;
import io.linkscout.index.LinkScoutIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * The one place that picks the ranker model and builds recommenders, for the REST API and every command
 * ({@code recommend}, {@code campaign shortlist}, {@code demo}, the jobs' campaign sends): a model file given on the
 * command line ({@code --model}) wins, else {@code linkscout.ranker.model} when set, else the bundled
 * {@code models/ranker.json}. Recommenders get the configured {@code linkscout.authority.demote-results-at}.
 */
@ApplicationScoped
public class Rankers {

    @Inject
    RankerSettings ranker;

    @Inject
    AuthoritySettings authority;

    private volatile RankerModel configured;

    /** Where the shared recommender's text signals come from ({@code linkscout.backend}); null outside CDI. */
    @Inject
    io.linkscout.search.BackendResolver backends;

    /**
     * Key of the per-generation recommender in {@link LinkScoutIndex#cached}, with the OpenSearch backend it reads
     * (null: the embedded index), closed with the generation.
     */
    private record Shared(Recommender recommender, io.linkscout.search.SearchBackend backend)
            implements java.io.Closeable {
        @Override
        public void close() throws java.io.IOException {
            if (backend != null) {
                backend.close();
            }
        }
    }

    public Rankers() {
    }

    /** Outside CDI (tests). */
    public Rankers(RankerSettings ranker, AuthoritySettings authority) {
        this.ranker = ranker;
        this.authority = authority;
    }

    /**
     * The model to rank with: {@code override} (a command's {@code --model FILE}) when given, else the configured
     * one. A configured file that cannot be used is a {@link UserException} with status 503 naming the key.
     */
    public RankerModel model(Path override) {
        if (override != null) {
            return RankerModel.load(override);
        }
        RankerModel m = configured;
        if (m == null) {
            synchronized (this) {
                if (configured == null) {
                    try {
                        configured = ranker.model().filter(p -> !p.isBlank())
                                .map(p -> RankerModel.load(Path.of(p.strip())))
                                .orElseGet(RankerModel::bundled);
                    } catch (UserException e) {
                        throw new UserException("the configured ranker model (linkscout.ranker.model) cannot be"
                                + " used: " + e.getMessage(), 503);
                    }
                }
                m = configured;
            }
        }
        return m;
    }

    /** A recommender over {@code index} with {@link #model(Path) model(override)}. */
    public Recommender recommender(LinkScoutIndex index, Path override) {
        return recommender(index, override, null);
    }

    /**
     * A recommender over {@code index} whose text signals come from {@code backend} (null: from {@code index}), see
     * {@link Recommender#Recommender(LinkScoutIndex, RankerModel, double, io.linkscout.search.SearchBackend)}.
     */
    public Recommender recommender(LinkScoutIndex index, Path override, io.linkscout.search.SearchBackend backend) {
        return new Recommender(index, model(override), authority.demoteResultsAt(), backend);
    }

    /**
     * The recommender with the configured model and backend ({@code linkscout.backend}: with {@code opensearch} the
     * text signals come from the cluster, which must serve this generation's ingest), built once per index
     * generation and shared by concurrent requests (the index keeps it, and closes its backend, until it is closed).
     */
    public Recommender shared(LinkScoutIndex index) {
        RankerModel m = model(null);
        return index.cached(Shared.class, i -> {
            io.linkscout.search.SearchBackend b = backends == null ? null : backends.configured().open(i);
            try {
                return new Shared(new Recommender(i, m, authority.demoteResultsAt(), b), b);
            } catch (RuntimeException e) {
                if (b != null) {
                    try {
                        b.close();
                    } catch (java.io.IOException ignored) {
                        // the first failure is the one to report
                    }
                }
                throw e;
            }
        }).recommender();
    }
}
