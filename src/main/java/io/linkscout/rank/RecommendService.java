package io.linkscout.rank;

import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.ContentText;
import io.linkscout.nlp.ContentType;
import io.linkscout.nlp.Topic;
import io.linkscout.nlp.TopicResult;
import io.linkscout.nlp.TopicService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The recommendation job shared by the CLI and the REST API: convert the user's content, extract its topics
 * with CoreNLP (idf from the index), rank, explain.
 */
@ApplicationScoped
public class RecommendService {

    /** How many topics are extracted and matched against candidate pages. */
    public static final int TOPICS = 25;

    @Inject
    TopicService topics;

    public RecommendService() {
    }

    public RecommendService(TopicService topics) {
        this.topics = topics;
    }

    /**
     * A recommendation request.
     *
     * @param title          title of the content, or null to take it from the content
     * @param content        the content (plain text, Markdown or HTML)
     * @param contentType    auto, plain, markdown or html
     * @param top            number of results (1–1000)
     * @param unit           page or site
     * @param minAuthority   drop results below this authority
     * @param excludeDomains registrable domains never to return
     * @param maxSpam        drop results whose spam score (0–100) is above this; 100 keeps all
     * @param site           the site the content is published on (host, URL or domain; null if unknown): its own
     *                       pages are never returned, and sites already linking to it rank higher
     * @param published      when the content was published: an ISO-8601 date or date-time, or a dated permalink of
     *                       it ({@code https://example.com/2024/05/30/post/}); null for new content. Pages
     *                       published before it rank lower ({@link Feature#DATED_AFTER})
     */
    public record Request(String title, String content, String contentType, int top, Recommender.Unit unit,
            double minAuthority, Set<String> excludeDomains, boolean allowNonEnglish, double maxSpam, String site,
            String published) {

        /** The content's publication date unknown. */
        public Request(String title, String content, String contentType, int top, Recommender.Unit unit,
                double minAuthority, Set<String> excludeDomains, boolean allowNonEnglish, double maxSpam,
                String site) {
            this(title, content, contentType, top, unit, minAuthority, excludeDomains, allowNonEnglish, maxSpam, site,
                    null);
        }

        /** The content's site unknown. */
        public Request(String title, String content, String contentType, int top, Recommender.Unit unit,
                double minAuthority, Set<String> excludeDomains, boolean allowNonEnglish, double maxSpam) {
            this(title, content, contentType, top, unit, minAuthority, excludeDomains, allowNonEnglish, maxSpam, null);
        }

        /** Without a spam filter. */
        public Request(String title, String content, String contentType, int top, Recommender.Unit unit,
                double minAuthority, Set<String> excludeDomains, boolean allowNonEnglish) {
            this(title, content, contentType, top, unit, minAuthority, excludeDomains, allowNonEnglish, 100);
        }

        public static Request of(String title, String content, String type, int top, Recommender.Unit unit,
                double minAuthority, Set<String> exclude) {
            return new Request(title, content, type, top, unit, minAuthority, exclude, false);
        }
    }

    /** A topic of the content as shown to the user. */
    public record TopicView(String phrase, String kind, double weight, int count) {
    }

    /**
     * The answer: the topics found, the results with explanations, and timings; {@code published} is the content's
     * publication date as understood (ISO date), null when unknown.
     */
    public record Response(String title, String unit, String model, String published, List<TopicView> topics,
            List<Recommendation> results, double topicMillis, double rankMillis) {
    }

    public Response recommend(Recommender rec, Request r) {
        if (r.top() < 1 || r.top() > 1000) {
            throw new io.linkscout.error.UserException("top must be between 1 and 1000, got " + r.top());
        }
        long t0 = System.nanoTime();
        ContentType type = ContentType.parse(r.contentType() == null ? "auto" : r.contentType());
        ContentText.Converted c = topics.convert(r.content(), type, r.allowNonEnglish());
        String title = r.title() != null && !r.title().isBlank() ? r.title().strip() : c.title();
        TopicResult tr = topics.extractor().extract(title, c.text(), rec.termStatistics(), TOPICS);
        double topicMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        List<String> phrases = tr.topics().stream().map(Topic::phrase).toList();
        int published = publishedDay(r.published());
        ContentQuery q = rec.prepare(title, c.text(), phrases).withSite(r.site()).withPublished(published);
        List<Recommendation> results = rec.recommend(q, new Recommender.Options(r.top(), r.unit(), r.minAuthority(),
                r.excludeDomains(), true, r.maxSpam()));
        double rankMs = (System.nanoTime() - t1) / 1e6;
        List<TopicView> tv = tr.topics().stream()
                .map(t -> new TopicView(t.phrase(), t.kind(), Recommender.round(t.weight()), t.count())).toList();
        return new Response(title, r.unit().name().toLowerCase(Locale.ROOT), rec.model().name(),
                published == io.linkscout.url.PublicationDate.UNKNOWN ? null
                        : java.time.LocalDate.ofEpochDay(published).toString(),
                tv, results, Recommender.round(topicMs), Recommender.round(rankMs));
    }

    /**
     * A request's {@code published}: an ISO-8601 date or date-time, or a dated permalink; null or blank is unknown.
     * Anything else is an error saying what is accepted.
     */
    public static int publishedDay(String published) {
        if (published == null || published.isBlank()) {
            return io.linkscout.url.PublicationDate.UNKNOWN;
        }
        String p = published.strip();
        int day = io.linkscout.url.PublicationDate.ofDateOrAddress(p);
        if (day == io.linkscout.url.PublicationDate.UNKNOWN) {
            throw new io.linkscout.error.UserException("published: not a date: \"" + p + "\" (give an ISO-8601 date "
                    + "such as 2024-05-30, or the content's dated address such as https://example.com/2024/05/30/post/)");
        }
        return day;
    }

    /** Topic extraction for batch runs (benchmark queries are plain text). */
    public Function<QueryFile.Query, BatchRunner.Topics> batchTopics(LinkScoutIndex idx) {
        return batchTopics(io.linkscout.search.BackendTermStatistics.of(idx));
    }

    /** Topic extraction for batch runs with the statistics of where {@code rec}'s text signals come from. */
    public Function<QueryFile.Query, BatchRunner.Topics> batchTopics(Recommender rec) {
        return batchTopics(rec.termStatistics());
    }

    private Function<QueryFile.Query, BatchRunner.Topics> batchTopics(io.linkscout.nlp.TermStatistics stats) {
        return q -> {
            long t0 = System.nanoTime();
            TopicResult tr = topics.extractor().extract(q.title(), q.text(), stats, TOPICS);
            return new BatchRunner.Topics(tr.topics().stream().map(Topic::phrase).toList(),
                    (System.nanoTime() - t0) / 1e6);
        };
    }

    /** A terminal table: rank, score, authority, domain, title/url, top reasons. */
    public static String table(Response resp) {
        StringBuilder sb = new StringBuilder();
        sb.append("Content: ").append(resp.title().isEmpty() ? "(untitled)" : resp.title()).append('\n');
        sb.append("Topics:  ").append(resp.topics().stream().limit(12).map(TopicView::phrase)
                .collect(Collectors.joining(", "))).append('\n');
        sb.append(String.format(Locale.ROOT, "Ranked by %s in %.0f ms (topics %.0f ms)%n%n", resp.model(),
                resp.rankMillis(), resp.topicMillis()));
        for (Recommendation r : resp.results()) {
            sb.append(String.format(Locale.ROOT, "%3d. %-60s score %6.3f  authority %5.1f%s%n", r.rank(),
                    truncate(r.title().isEmpty() ? r.url() : r.title(), 60), r.score(), r.authority(),
                    r.pages() > 1 ? "  (" + r.pages() + " pages)" : ""));
            sb.append("     ").append(r.url()).append('\n');
            sb.append("     why: ").append(reasons(r, 3)).append('\n');
            for (Recommendation.Evidence e : r.evidence().stream().limit(2).toList()) {
                sb.append("     ").append(e.kind()).append(": ").append(truncate(e.text(), 110)).append('\n');
            }
            if (!r.matchedTopics().isEmpty()) {
                sb.append("     topics: ").append(String.join(", ", r.matchedTopics().stream().limit(6).toList()))
                        .append('\n');
            }
            for (String f : r.flags()) {
                sb.append("     spam flag: ").append(truncate(f, 160)).append('\n');
            }
            sb.append('\n');
        }
        if (resp.results().isEmpty()) {
            sb.append("No page in the index matches this content. Ingest more candidate pages, or relax the "
                    + "filters.\n");
        }
        return sb.toString();
    }

    /** The largest positive contributions, as words. */
    public static String reasons(Recommendation r, int n) {
        List<String> out = new ArrayList<>();
        for (Recommendation.Contribution c : r.contributions()) {
            if (c.contribution() > 0 && out.size() < n) {
                out.add(c.description() + String.format(Locale.ROOT, " (+%.2f)", c.contribution()));
            }
        }
        return out.isEmpty() ? "(no strong single reason)" : String.join("; ", out);
    }

    /** RFC 4180 CSV of results, with a header. */
    public static String csv(List<Recommendation> rs) {
        StringBuilder sb = new StringBuilder("rank,url,domain,title,score,authority,pages,top_reasons,matched_topics,"
                + "evidence\r\n");
        for (Recommendation r : rs) {
            sb.append(r.rank()).append(',').append(csvCell(r.url())).append(',').append(csvCell(r.domain()))
                    .append(',').append(csvCell(r.title())).append(',').append(r.score()).append(',')
                    .append(r.authority()).append(',').append(r.pages()).append(',')
                    .append(csvCell(reasons(r, 3))).append(',')
                    .append(csvCell(String.join("; ", r.matchedTopics()))).append(',')
                    .append(csvCell(r.evidence().isEmpty() ? "" : r.evidence().get(0).text())).append("\r\n");
        }
        return sb.toString();
    }

    static String csvCell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
