package io.linkscout.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.error.UserException;
import io.linkscout.eval.SampleExamples;
import io.linkscout.eval.SampleIndex;
import io.linkscout.index.IndexBackup;
import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexFields;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.OpenSearchIndexWriter;
import io.linkscout.security.UserService;
import io.linkscout.site.SiteRepository;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench load}: the real server (this process's Quarkus HTTP server, on 127.0.0.1 only, on a copy of the index)
 * with a real PostgreSQL (embedded in a temporary folder, or the configured server), driven by concurrent clients
 * over loopback while an ingest commits twice; prints throughput, latency percentiles per endpoint and errors, and
 * checks the requirements (no 5xx, no closed-reader errors, every acknowledged write present afterwards, every stale
 * version refused with 409). Exit code 0 when all hold, 1 otherwise. {@code --backend opensearch}: the copy is
 * published on the cluster (a full generation behind {@code --index-name}), the server reads every text signal and
 * stored document from it ({@code serve --backend opensearch}), and both ingests publish their generation there too.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load benchmark: the real server on a copy of the index (default: the bundled sample) and a real"
                + " PostgreSQL, N clients over 127.0.0.1 for a fixed time, two ingest commits meanwhile; throughput,"
                + " p50/p95/p99 per endpoint, errors by status, and the reliability requirements checked.")
public class BenchLoadCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "How long the clients run (default: ${DEFAULT-VALUE}; longer when an ingest has not committed yet).")
    int seconds;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the request mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prospects", paramLabel = "N", defaultValue = "200",
            description = "Prospects in the benchmark's campaign (default: ${DEFAULT-VALUE}).")
    int prospects;

    @Option(names = "--ingest-pages", paramLabel = "N", defaultValue = "200",
            description = "New pages each of the two ingests adds (default: ${DEFAULT-VALUE}).")
    int ingestPages;

    @Option(names = "--index", paramLabel = "DIR", defaultValue = "index",
            description = "Index to copy and serve (default: ${DEFAULT-VALUE}; the bundled sample is built there when"
                    + " there is none, as demo does). It is never changed.")
    Path index;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path report;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Inject
    UserService users;

    @Inject
    AuthoritySettings authority;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 3600 || clients < 1 || clients > 256 || prospects < 1 || prospects > 1000
                || ingestPages < 1 || ingestPages > 100_000) {
            throw new UserException("--seconds 1..3600, --clients 1..256, --prospects 1..1000, --ingest-pages "
                    + "1..100000");
        }
        BackendResolver.Choice chosen = backend.resolve(backends); // a bad --backend before anything is copied
        PrintStream out = System.out;
        AuthorityConfig config = AuthorityConfig.of(authority);
        IndexLayout source = new IndexLayout(index);
        if (!source.exists()) {
            SampleIndex.ensure(source, config, out::println);
        }
        IndexLayout served = new IndexLayout(LoadServer.work().resolve(LoadServer.SERVED));
        IndexBackup.Result copy = IndexBackup.backup(source, served.root());
        List<String> domains = siteDomains(served);
        if (domains.isEmpty()) {
            throw new UserException("the index " + index + " has no sites: ingest pages first");
        }
        if (chosen.opensearch()) {
            // the copy as a full generation behind the alias (the server reads from the cluster below)
            ingest(served, config, chosen, List.of(), m -> out.println("opensearch: " + m));
        }
        URI base = URI.create("http://127.0.0.1:" + System.getProperty(LoadServer.PORT));
        String user = "bench-load-" + System.currentTimeMillis();
        byte[] pw = new byte[24];
        new java.security.SecureRandom().nextBytes(pw);
        users.add(user, "editor", java.util.Base64.getUrlEncoder().encodeToString(pw));
        String token = users.createToken(user, "bench load").token();
        SampleExamples.Example example = SampleExamples.ALL.get(0);
        String text = SampleExamples.text(example);
        out.printf(Locale.ROOT, "serving a copy of %s (%d pages, %d sites) at %s; user %s%n", index, copy.pages(),
                domains.size(), base, user);
        LoadRun run = new LoadRun(new LoadRun.Options(base, token, domains, clients, seconds, seed, prospects,
                SampleExamples.title(example, text), text),
                round -> ingest(served, config, chosen, pages(domains, round), m -> { }));
        ObjectNode r;
        try {
            if (chosen.opensearch()) {
                backends.serve(chosen); // every reader of the server from the cluster, as serve --backend does
            }
            run.setUp(out);
            out.printf(Locale.ROOT, "%d clients for %d s (seed %d); two ingests of %d pages commit at 1/3 and 2/3"
                    + " ...%n", clients, seconds, seed, ingestPages);
            r = run.run(out);
            r.put("backend", chosen.opensearch() ? "opensearch " + chosen.indexName() : "lucene");
            r.put("index_pages_before", copy.pages());
            try (LinkScoutIndex after = LinkScoutIndex.open(served)) {
                r.put("index_pages_after", after.stats().pages());
            }
            r.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                    .put("java", Runtime.version().toString())
                    .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        } finally {
            run.tearDown();
            if (chosen.opensearch()) {
                backends.serve(null); // the configuration's backend again
            }
            users.remove(user);
            org.apache.lucene.util.IOUtils.rm(served.root());
        }
        print(out, r);
        if (report != null) {
            if (report.toAbsolutePath().getParent() != null) {
                Files.createDirectories(report.toAbsolutePath().getParent());
            }
            Files.writeString(report, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        }
        return r.get("passed").asBoolean() ? 0 : 1;
    }

    /** The {@code ingestPages} new pages of ingest {@code round}, each linking to a site of the index. */
    private List<PageRecord> pages(List<String> domains, int round) {
        List<PageRecord> pages = new ArrayList<>();
        for (int i = 0; i < ingestPages; i++) {
            String d = domains.get((i * 7 + round) % domains.size());
            pages.add(new PageRecord("https://load-round" + round + ".org/post-" + i, "Load round " + round + " post "
                    + i, "A post written during the load benchmark, round " + round + ", citing " + d + " about "
                    + "command-line tools, volcanoes and static sites.", List.of(Link.of("https://" + d + "/")),
                    List.of(), null, "bench-load:" + round));
        }
        return pages;
    }

    /**
     * Ingests {@code pages} and commits: a new generation, with {@code opensearch} published on the cluster too
     * (no pages: the index as it is), its summary handed to {@code published}. Returns the pages ingested.
     */
    private static long ingest(IndexLayout served, AuthorityConfig config, BackendResolver.Choice chosen,
            List<PageRecord> pages, java.util.function.Consumer<String> published) throws java.io.IOException {
        IndexBuilder b = new IndexBuilder(served, 1, null);
        b.setAuthorityConfig(config);
        try (OpenSearchIndexWriter mirror = chosen.openWriter()) {
            b.setMirror(mirror);
            long added = b.ingest((sink, rep) -> pages.forEach(sink::page)).stats().pages();
            if (mirror != null) {
                published.accept(mirror.summary());
            }
            return added;
        }
    }

    private static List<String> siteDomains(IndexLayout layout) throws java.io.IOException {
        try (LinkScoutIndex idx = LinkScoutIndex.open(layout)) {
            return new ArrayList<>(new SiteRepository(idx).sites(null, Set.of(IndexFields.ID)).keySet());
        }
    }

    private static void print(PrintStream out, JsonNode r) {
        out.printf(Locale.ROOT, "%n%d requests in %.1f s: %.1f requests/s, %d clients (%s cores)%n",
                r.get("requests").asLong(), r.get("seconds_run").asDouble(), r.get("throughput_per_s").asDouble(),
                r.get("clients").asInt(), r.path("machine").path("cores").asText("?"));
        out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s  %s%n", "endpoint", "requests", "p50 ms", "p95 ms", "p99 ms",
                "statuses");
        r.get("endpoints").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "%-16s %9d %9.1f %9.1f %9.1f  %s%n",
                e.getKey(), e.getValue().get("requests").asLong(), e.getValue().get("p50_ms").asDouble(),
                e.getValue().get("p95_ms").asDouble(), e.getValue().get("p99_ms").asDouble(),
                e.getValue().get("statuses").toString()));
        // what the unexpected errors said (a 409 is the expected answer to a stale version)
        r.get("endpoints").fields().forEachRemaining(e -> e.getValue().path("first_errors").fields()
                .forEachRemaining(f -> {
                    if (!f.getKey().equals("409")) {
                        out.printf(Locale.ROOT, "first %s of %s: %s%n", f.getKey(), e.getKey(), f.getValue().asText());
                    }
                }));
        out.printf(Locale.ROOT, "errors by status: %s; 5xx %d, transport %d, closed-reader %d, stack traces %d%n",
                r.get("errors_by_status"), r.get("errors_5xx").asLong(), r.get("transport_errors").asLong(),
                r.get("closed_reader_errors").asLong(), r.get("stack_traces").asLong());
        out.printf(Locale.ROOT, "writes acknowledged %d, missing afterwards %d; conflicts 409 %d (stale versions "
                        + "accepted %d, answered other than 409 %d)%n", r.get("writes_acknowledged").asLong(),
                r.get("writes_missing_after").asLong(), r.get("conflicts_409").asLong(),
                r.get("stale_writes_accepted").asLong(), r.get("stale_writes_not_409").asLong());
        out.printf(Locale.ROOT, "ingest commits %d, %d of them while the clients ran (%s ms); index pages %d -> %d%n",
                r.get("ingest_commits").asInt(), r.get("ingest_commits_under_load").asInt(), r.get("ingest_ms"), r.path("index_pages_before").asLong(), r.path("index_pages_after").asLong());
        r.get("requirements").fields().forEachRemaining(e -> out.printf("%s %s%n",
                e.getValue().asBoolean() ? "PASS" : "FAIL", e.getKey().replace('_', ' ')));
    }
}
