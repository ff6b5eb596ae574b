package io.linkscout.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.Recommendation;
import io.linkscout.rank.RecommendService;
import io.linkscout.rank.Recommender;
import io.linkscout.url.UrlNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shortlist: ranks sites for the campaign's content with the recommender (unit SITE: one result per
 * registrable domain, its best page as evidence), then adds them through {@link ProspectService#add} under the
 * campaign's rules. The recommender runs outside any transaction; the additions are one transaction.
 */
@ApplicationScoped
public class ShortlistService {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    CampaignService campaigns;

    @Inject
    ProspectService prospects;

    @Inject
    RecommendService recommend;

    @Inject
    OutreachConfig config;

    @Schema(name = "ShortlistResult")
    public record Result(long campaignId, String model, List<String> topics,
            @Schema(description = "Ranked sites considered (after the exclusions)") int considered,
            @Schema(description = "The size limit applied") int size, List<Views.ProspectView> added,
            List<IntakeResult.Skipped> skipped) {
    }

    /**
     * Runs the shortlist for a campaign.
     *
     * @param size      size limit (null: {@code linkscout.outreach.shortlist-size})
     * @param changedBy who asked
     */
    public Result shortlist(long campaignId, Recommender rec, Integer size, String changedBy) {
        Views.CampaignView c = campaigns.get(campaignId);
        int max = size == null ? config.shortlistSize() : size;
        if (max < 1 || max > ProspectService.MAX_LIMIT) {
            throw new UserException("size must be between 1 and " + ProspectService.MAX_LIMIT + " (got " + max + ")");
        }
        Set<String> exclude = new LinkedHashSet<>(campaigns.excludedDomains(campaignId));
        exclude.add(c.targetDomain());
        String title = c.contentTitle();
        String text = c.contentText();
        if (text == null) {
            PageText p = pageText(rec.index(), c.contentUrl());
            if (p == null) {
                throw new UserException("campaign " + campaignId + " has only a content URL (" + c.contentUrl()
                        + ") and that page is not in the index: add the content text to the campaign (contentText)"
                        + " or ingest the page", 422);
            }
            text = p.text();
            title = title == null ? p.title() : title;
        }
        long existing = c.prospects().values().stream().mapToLong(Long::longValue).sum();
        int top = (int) Math.min(1000, Math.max(config.candidates(), max + existing + 50));
        RecommendService.Response resp = recommend.recommend(rec, new RecommendService.Request(title, text, "auto",
                top, Recommender.Unit.SITE, 0, exclude, false, 100, c.targetDomain()));
        Instant now = Instant.now();
        List<Candidate> cands = new ArrayList<>();
        for (Recommendation r : resp.results()) {
            cands.add(new Candidate(r.domain(), r.url(), r.title(), r.score(), r.authority(),
                    RecommendService.reasons(r, 3), explanation(r, resp.model(), now), List.of(), null));
        }
        List<String> topics = resp.topics().stream().map(RecommendService.TopicView::phrase).toList();
        if (cands.isEmpty()) {
            return new Result(campaignId, resp.model(), topics, 0, max, List.of(), List.of());
        }
        IntakeResult r = prospects.add(campaignId, cands, max, "shortlist", changedBy,
                rec.backend() != null ? SiteContacts.through(rec.backend()) : SiteContacts.in(rec.index()));
        return new Result(campaignId, resp.model(), topics, cands.size(), max, r.added(), r.skipped());
    }

    /** The explanation saved with a prospect: the recommendation as it was, the model and when. */
    static String explanation(Recommendation r, String model, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("savedAt", at.toString());
        m.put("rank", r.rank());
        m.put("url", r.url());
        m.put("title", r.title());
        m.put("score", r.score());
        m.put("authority", r.authority());
        m.put("pages", r.pages());
        m.put("topReasons", RecommendService.reasons(r, 3));
        m.put("contributions", r.contributions());
        m.put("matchedTopics", r.matchedTopics());
        m.put("evidence", r.evidence());
        m.put("flags", r.flags());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record PageText(String title, String text) {
    }

    /** A page's stored title and text from the index, or null. */
    static PageText pageText(LinkScoutIndex idx, String url) {
        String n = url == null ? null : UrlNormalizer.normalize(url);
        if (n == null) {
            return null;
        }
        try {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.ID, n)), BooleanClause.Occur.FILTER).build();
            TopDocs td = idx.searcher().search(q, 1);
            if (td.scoreDocs.length == 0) {
                return null;
            }
            Document d = idx.searcher().storedFields().document(td.scoreDocs[0].doc);
            String text = d.get(IndexFields.TEXT);
            return text == null || text.isBlank() ? null : new PageText(d.get(IndexFields.TITLE), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
