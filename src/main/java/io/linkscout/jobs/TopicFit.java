package io.linkscout.jobs;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.ContentQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * How well a site's pages fit the user's content: the best BM25 score of one of the site's pages for the content's
 * top tf-idf terms ({@link ContentQuery#terms()}, title and body, each term weighted by its tf-idf), and which of
 * those terms the site's pages contain. {@link #fit} is that score divided by the best score among the sites
 * compared, so it is 0–1 within one answer.
 */
public final class TopicFit {

    /** Raw fit of one site. */
    public record Raw(double bm25, List<String> matchedTerms) {
    }

    private final LinkScoutIndex index;
    private final ContentQuery content;
    private final Query termQuery;

    public TopicFit(LinkScoutIndex index, ContentQuery content) {
        this.index = index;
        this.content = content;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (ContentQuery.WeightedTerm t : content.terms()) {
            b.add(new BoostQuery(new TermQuery(new Term(IndexFields.BODY, t.term())), (float) t.weight()),
                    BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term(IndexFields.TITLE, t.term())), (float) (2 * t.weight())),
                    BooleanClause.Occur.SHOULD);
        }
        this.termQuery = b.build();
    }

    /** The content-term query (body and title) whose best page score per site is the raw fit. */
    public Query termQuery() {
        return termQuery;
    }

    public ContentQuery content() {
        return content;
    }

    /** Best page score of the domain and the content terms its pages contain (best-weighted first). */
    public Raw raw(String domain) {
        try {
            IndexSearcher s = index.searcher();
            Query q = new BooleanQuery.Builder().add(termQuery, BooleanClause.Occur.MUST)
                    .add(Jobs.pagesOf(domain), BooleanClause.Occur.FILTER).build();
            TopDocs td = s.search(q, 1);
            double best = td.scoreDocs.length == 0 ? 0 : td.scoreDocs[0].score;
            List<String> matched = new ArrayList<>();
            if (best > 0) {
                for (ContentQuery.WeightedTerm t : content.terms()) {
                    Query one = new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(IndexFields.BODY, t.term())), BooleanClause.Occur.MUST)
                            .add(Jobs.pagesOf(domain), BooleanClause.Occur.FILTER).build();
                    if (s.count(one) > 0) {
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
