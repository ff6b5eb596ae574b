package io.linkscout.cli;

import io.linkscout.rank.Rankers;
import io.linkscout.url.Domains;
import io.linkscout.cli.common.ContentFiles;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.SearchBackend;
import io.linkscout.error.UserException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.rank.BatchRunner;
import io.linkscout.rank.QueryFile;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommendation;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.RecommendService;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recommend}: who will link to this content, with the reasons; or a whole batch into a run file. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Rank the indexed pages (or sites) most likely to link to your content, with explanations.")
public class RecommendCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Inject
    Rankers rankers;

    @Option(names = "--content", paramLabel = "FILE", description = "Your content: plain text, Markdown or HTML "
            + "('-' reads standard input).")
    Path content;

    @Option(names = "--title", description = "Title of the content (default: the first heading or line).")
    String title;

    @Option(names = "--type", defaultValue = "auto", description = "auto, plain, markdown or html "
            + "(default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Batch mode: JSONL with id, title, text per line (e.g. the benchmark's queries.jsonl).")
    Path queries;

    @Option(names = "--run", paramLabel = "FILE",
            description = "Batch mode: write query_id<TAB>url<TAB>rank<TAB>score lines here.")
    Path run;

    @Option(names = "--top", description = "How many results (default: 20; 100 in batch mode).")
    Integer top;

    @Option(names = "--unit", defaultValue = "page", description = "page or site (default: ${DEFAULT-VALUE}).")
    Recommender.Unit unit;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv "
            + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--min-authority", defaultValue = "0", description = "Drop results with authority below this "
            + "(0-100).")
    double minAuthority;

    @Option(names = "--max-spam", defaultValue = "100", description = "Drop results whose spam score (0-100; the "
            + "page's, or the site's with --unit site) is above this (default: ${DEFAULT-VALUE}, keep all).")
    double maxSpam;

    @Option(names = "--exclude-domain", paramLabel = "DOMAIN", split = ",",
            description = "Never return these registrable domains (e.g. your own site, competitors).")
    List<String> exclude;

    @Option(names = "--site", paramLabel = "DOMAIN", description = "The site your content is published on: its "
            + "own pages are never returned, and sites that already link to it rank higher. Batch mode reads each "
            + "query's optional \"site\" field instead.")
    String site;

    @Option(names = "--published", paramLabel = "DATE", description = "When your content was published (ISO date "
            + "such as 2024-05-30, or its dated address such as https://example.com/2024/05/30/post/): pages published "
            + "before it rank lower. Leave it out for new content. Batch mode reads each query's optional "
            + "\"published\" field, else the date in its id.")
    String published;

    @Option(names = "--model", paramLabel = "FILE", description = "Ranker model (default: linkscout.ranker.model, "
            + "else the bundled models/ranker.json).")
    Path model;

    @Option(names = "--allow-non-english", description = "Rank content that does not look like English (the topic "
            + "models are English-only).")
    boolean allowNonEnglish;

    @Option(names = "--threads", description = "Batch mode: parallel queries (default: available cores).")
    Integer threads;

    @Inject
    RecommendService service;

    @Override
    public Integer call() throws Exception {
        if ((content == null) == (queries == null)) {
            throw new UserException("give either --content FILE (one content) or --queries FILE --run FILE (batch)");
        }
        if (queries != null && run == null) {
            throw new UserException("--queries needs --run FILE to write the ranked results to");
        }
        if (!(maxSpam >= 0 && maxSpam <= 100) || !(minAuthority >= 0 && minAuthority <= 100)) {
            throw new UserException("--min-authority and --max-spam must be between 0 and 100 (got "
                    + minAuthority + " and " + maxSpam + ")");
        }
        BackendResolver.Choice chosen = backend.resolve(backends); // a bad --backend before anything is opened
        String ownSite = site == null ? null : Domains.requireDomain("--site", site);
        try {
            RecommendService.publishedDay(published); // a bad date before anything is opened
        } catch (UserException e) {
            throw new UserException("--" + e.getMessage());
        }
        Set<String> ex = exclude == null ? Set.of() : exclude.stream().map(d -> Domains.requireDomain("--exclude-domain", d))
                .collect(java.util.stream.Collectors.toSet());
        try (LinkScoutIndex idx = LinkScoutIndex.open(index.layout());
                SearchBackend search = chosen.open(idx)) {
            String pending = idx.graphPendingWarning();
            if (pending != null) {
                System.err.println("warning: " + pending);
            }
            Recommender rec = rankers.recommender(idx, model, search);
            if (queries != null) {
                List<QueryFile.Query> qs = QueryFile.read(queries);
                int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                BatchRunner.Result r = BatchRunner.run(rec, qs,
                        new Recommender.Options(top == null ? 100 : top, unit, minAuthority, ex, false, maxSpam),
                        service.batchTopics(rec), n);
                BatchRunner.writeRun(r, run);
                System.err.println("wrote " + run + " (" + qs.size() + " queries); " + r.timingSummary());
                return 0;
            }
            RecommendService.Response resp = service.recommend(rec, new RecommendService.Request(
                    title, ContentFiles.read(content), type, top == null ? 20 : top, unit, minAuthority, ex,
                    allowNonEnglish, maxSpam, ownSite, published));
            print(resp, System.out);
        }
        return 0;
    }

    private void print(RecommendService.Response resp, PrintStream out) throws Exception {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(resp));
            case "csv" -> out.print(RecommendService.csv(resp.results()));
            case "table" -> out.print(RecommendService.table(resp));
            default -> throw new UserException("unknown --format " + format + " (use table, json or csv)");
        }
    }
}
