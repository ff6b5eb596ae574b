package io.linkscout.jobs;

import io.linkscout.index.IndexFields;
import io.linkscout.rank.ContentQuery;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a site's pages fit the user's content: the best BM25 score of one of the site's pages for the content's
 * top tf-idf terms ({@link ContentQuery#terms()}, title and body, each term weighted by its tf-idf), and which of
 * those terms the site's pages contain. {@link #fit} is that score divided by the best score among the sites
 * compared, so it is 0–1 within one answer. Scores and counts come from a {@link SearchBackend}: the embedded
 * index or an OpenSearch cluster give the same.
 */
public final class TopicFit {

    /** Raw fit of one site. */
    public record Raw(double bm25, List<String> matchedTerms) {
    }

    private final SearchBackend backend;
    private final ContentQuery content;
    private final QuerySpec termQuery;

    public TopicFit(SearchBackend backend, ContentQuery content) {
        this.backend = backend;
        this.content = content;
        List<QuerySpec> should = new ArrayList<>();
        for (ContentQuery.WeightedTerm t : content.terms()) {
            should.add(new QuerySpec.Boost(new QuerySpec.Term(IndexFields.BODY, t.term()), (float) t.weight()));
            should.add(new QuerySpec.Boost(new QuerySpec.Term(IndexFields.TITLE, t.term()), (float) (2 * t.weight())));
        }
        this.termQuery = new QuerySpec.Bool(List.of(), should, List.of());
    }

    /** The content-term query (body and title) whose best page score per site is the raw fit. */
    public QuerySpec termQuery() {
        return termQuery;
    }

    public ContentQuery content() {
        return content;
    }

    /** Best page score of the domain and the content terms its pages contain (best-weighted first). */
    public Raw raw(String domain) {
        try {
            List<QuerySpec> pages = Jobs.pageFilters(domain);
            List<SearchBackend.Hit> top = backend.search(new QuerySpec.Bool(List.of(termQuery), List.of(), pages), 1,
                    true);
            double best = top.isEmpty() ? 0 : top.get(0).score();
            List<String> matched = new ArrayList<>();
            if (best > 0) {
                for (ContentQuery.WeightedTerm t : content.terms()) {
                    QuerySpec one = new QuerySpec.Bool(List.of(new QuerySpec.Term(IndexFields.BODY, t.term())),
                            List.of(), pages);
                    if (backend.count(one) > 0) {
                        matched.add(t.term());
                    }
                }
            }
            return new Raw(best, matched);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw fits of several domains and their normalised 0–1 fit. */
    public Map<String, Double> normalise(Map<String, Raw> raws) {
        double max = raws.values().stream().mapToDouble(Raw::bm25).max().orElse(0);
        Map<String, Double> out = new HashMap<>();
        raws.forEach((d, r) -> out.put(d, max <= 0 ? 0 : Jobs.round(r.bm25() / max)));
        return out;
    }
}
