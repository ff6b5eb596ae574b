package io.linkscout.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of {@code bench load}: {@code clients} threads drive a running LinkScout server over loopback with
 * a seeded mix of recommendations, site lookups, prospect list reads and prospect writes (status changes and notes,
 * each with the version read just before, and a few deliberately stale versions), while {@link Ingest} commits new
 * index generations twice. Every acknowledged write is remembered and checked against the API afterwards.
 *
 * <p>Only {@code base} (127.0.0.1) is ever contacted; the run stops by itself.
 */
final class LoadRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] ENDPOINTS = {"recommendations", "site", "prospects_list", "prospect_get", "status_write",
        "notes_write", "stale_write"};
    /** Prospect notes stop growing past this length (the notes limit is 20,000 characters). */
    private static final int NOTES_CAP = 15_000;

    /** Commits a new index generation (called twice, from its own thread, while the clients run). */
    @FunctionalInterface
    interface Ingest {
        long commit(int round) throws Exception;
    }

    /** What to run. {@code content}/{@code title}: the article the recommendation requests send. */
    record Options(URI base, String token, List<String> domains, int clients, int seconds, long seed, int prospects,
            String title, String content) {
    }

    private final Options o;
    private final Ingest ingest;
    private final HttpClient http;
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors5xx = new AtomicLong();
    private final AtomicLong closedReader = new AtomicLong();
    private final AtomicLong stackTraces = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong conflicts409 = new AtomicLong();
    private final AtomicLong staleAccepted = new AtomicLong();
    private final AtomicLong staleNot409 = new AtomicLong();
    private final AtomicLong writesAcked = new AtomicLong();
    private final Map<Long, Acks> acks = new ConcurrentHashMap<>();
    private final List<Long> ingestMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    /** System.nanoTime() of each ingest commit, and of the moment the last client stopped. */
    private final List<Long> commitNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile long clientsStoppedNanos = Long.MAX_VALUE;
    private final AtomicBoolean ingestsDone = new AtomicBoolean();
    private volatile String ingestError;
    private long campaign;
    private long[] prospectIds;

    LoadRun(Options o, Ingest ingest) {
        this.o = o;
        this.ingest = ingest;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (String e : ENDPOINTS) {
            endpoints.put(e, new Endpoint());
        }
    }

    /** Acknowledged writes of one prospect. */
    private static final class Acks {
        final List<String> noteTokens = new ArrayList<>();
        final Map<String, Integer> transitions = new HashMap<>();
        long maxVersion;

        synchronized void note(String token, long version) {
            noteTokens.add(token);
            maxVersion = Math.max(maxVersion, version);
        }

        synchronized void transition(String from, String to, long version) {
            transitions.merge(from + ">" + to, 1, Integer::sum);
            maxVersion = Math.max(maxVersion, version);
        }
    }

    /** Latencies and statuses of one endpoint. */
    private static final class Endpoint {
        long[] nanos = new long[1024];
        int n;
        final Map<Integer, Long> statuses = new TreeMap<>();
        /** The first answer of each error status (at most 300 characters): what the errors were. */
        final Map<Integer, String> firstErrors = new TreeMap<>();

        synchronized void add(long t, int status) {
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = t;
            statuses.merge(status, 1L, Long::sum);
        }

        synchronized void error(int status, String body) {
            firstErrors.putIfAbsent(status, body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }

        synchronized double percentileMs(double p) {
            if (n == 0) {
                return 0;
            }
            long[] s = Arrays.copyOf(nanos, n);
            Arrays.sort(s);
            int i = (int) Math.ceil(p / 100.0 * n) - 1;
            return s[Math.max(0, Math.min(n - 1, i))] / 1e6;
        }
    }

    private record Resp(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Creates the campaign and its prospects (one per domain, up to {@code prospects}). */
    void setUp(PrintStream out) throws IOException, InterruptedException {
        ObjectNode c = JSON.createObjectNode().put("name", "bench load " + o.seed() + " " + System.currentTimeMillis())
                .put("contentTitle", o.title()).put("contentText", o.content())
                .put("targetDomain", "load-bench-own-site.org");
        Resp r = send(null, post("/api/campaigns", c));
        require(r, "create the campaign");
        campaign = r.json().get("id").asLong();
        ArrayNode ps = JSON.createArrayNode();
        o.domains().stream().limit(o.prospects()).forEach(d -> ps.addObject().put("domain", d));
        Resp added = send(null, post("/api/campaigns/" + campaign + "/prospects",
                JSON.createObjectNode().put("limit", 1000).put("source", "bench").set("prospects", ps)));
        require(added, "add prospects");
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            Resp list = send(null, get("/api/campaigns/" + campaign + "/prospects?sort=id&size=500&page=" + page));
            require(list, "list prospects");
            JsonNode items = list.json().get("items");
            items.forEach(i -> ids.add(i.get("id").asLong()));
            if (items.size() < 500) {
                break;
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the campaign has no prospects: " + added.body());
        }
        prospectIds = ids.stream().mapToLong(Long::longValue).toArray();
        out.printf(Locale.ROOT, "campaign %d with %d prospects; warming up (one recommendation) ...%n", campaign,
                prospectIds.length);
        require(send(null, recommendationRequest("site")), "warm up");
    }

    /** Removes the campaign (and its prospects). */
    void tearDown() throws IOException, InterruptedException {
        if (campaign > 0) {
            send(null, HttpRequest.newBuilder(o.base().resolve("/api/campaigns/" + campaign)).DELETE()
                    .header("Authorization", "Bearer " + o.token()).timeout(Duration.ofSeconds(60)).build());
        }
    }

    /** Drives the server; returns the report (requirements included). */
    ObjectNode run(PrintStream out) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long deadline = start + o.seconds() * 1_000_000_000L;
        // clients go on past --seconds until both ingests have committed (so each swap happens under load), but
        // never longer than 4 x --seconds + 10 minutes
        long hardStop = deadline + o.seconds() * 3_000_000_000L + 600_000_000_000L;
        Thread ingester = new Thread(() -> {
            try {
                for (int round = 1; round <= 2; round++) {
                    long at = start + o.seconds() * 1_000_000_000L * round / 3;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long t0 = System.nanoTime();
                    ingest.commit(round);
                    ingestMillis.add((System.nanoTime() - t0) / 1_000_000);
                    commitNanos.add(System.nanoTime());
                }
            } catch (Exception e) {
                ingestError = e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                ingestsDone.set(true);
            }
        }, "bench-load-ingest");
        ingester.start();
        List<Thread> clients = new ArrayList<>();
        AtomicInteger clientErrors = new AtomicInteger();
        for (int c = 0; c < o.clients(); c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    client(id, deadline, hardStop);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | IOException e) {
                    clientErrors.incrementAndGet();
                    System.err.println("client " + id + ": " + e);
                }
            }, "bench-load-client-" + c);
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            t.join();
        }
        clientsStoppedNanos = System.nanoTime();
        double seconds = (clientsStoppedNanos - start) / 1e9;
        ingester.join();
        out.printf(Locale.ROOT, "ran %.1f s; checking every acknowledged write ...%n", seconds);
        long missing = verify();
        return report(seconds, missing, clientErrors.get());
    }

    private void client(int c, long deadline, long hardStop) throws IOException, InterruptedException {
        Random rnd = new Random(o.seed() * 1_000_003L + c);
        int k = 0;
        while (System.nanoTime() < hardStop && (System.nanoTime() < deadline || !ingestsDone.get())) {
            int op = rnd.nextInt(100);
            if (op < 10) {
                send("recommendations", recommendationRequest(rnd.nextBoolean() ? "site" : "page"));
            } else if (op < 40) {
                String d = o.domains().get(rnd.nextInt(o.domains().size()));
                send("site", get("/api/sites/" + URLEncoder.encode(d, StandardCharsets.UTF_8)));
            } else if (op < 65) {
                String[] sorts = {"-score", "domain", "-updated", "status"};
                int pages = Math.max(1, (prospectIds.length + 49) / 50);
                send("prospects_list", get("/api/campaigns/" + campaign + "/prospects?size=50&page="
                        + rnd.nextInt(pages) + "&sort=" + URLEncoder.encode(sorts[rnd.nextInt(sorts.length)],
                        StandardCharsets.UTF_8)));
            } else if (op < 80) {
                statusWrite(rnd, c);
            } else if (op < 95) {
                notesWrite(rnd, c, k++);
            } else {
                staleWrite(rnd);
            }
        }
    }

    /** Half of the writes go to ten "hot" prospects, so that clients really collide. */
    private long pickProspect(Random rnd) {
        int hot = Math.min(10, prospectIds.length);
        return rnd.nextBoolean() ? prospectIds[rnd.nextInt(hot)] : prospectIds[rnd.nextInt(prospectIds.length)];
    }

    private void statusWrite(Random rnd, int c) throws IOException, InterruptedException {
        long pid = pickProspect(rnd);
        Resp g = send("prospect_get", get("/api/prospects/" + pid));
        if (!g.ok()) {
            return;
        }
        JsonNode p = g.json();
        List<String> next = new ArrayList<>();
        p.get("nextStatuses").forEach(s -> {
            if (!s.asText().equals("WON")) {
                next.add(s.asText());
            }
        });
        if (next.isEmpty()) {
            return;
        }
        String from = p.get("status").asText();
        String to = next.get(rnd.nextInt(next.size()));
        ObjectNode body = JSON.createObjectNode().put("status", to).put("version", p.get("version").asLong())
                .put("changedBy", "bench-c" + c);
        Resp r = send("status_write", post("/api/prospects/" + pid + "/status", body));
        if (r.ok()) {
            writesAcked.incrementAndGet();
            acks.computeIfAbsent(pid, x -> new Acks()).transition(from, to, r.json().get("version").asLong());
        } else if (r.status() == 409) {
            conflicts409.incrementAndGet();
        }
    }

    private void notesWrite(Random rnd, int c, int k) throws IOException, InterruptedException {
        long pid = pickProspect(rnd);
        Resp g = send("prospect_get", get("/api/prospects/" + pid));
        if (!g.ok()) {
            return;
        }
        JsonNode p = g.json();
        String notes = p.hasNonNull("notes") ? p.get("notes").asText() : "";
        if (notes.length() > NOTES_CAP) {
            return;
        }
        String token = "c" + c + "n" + k;
        ObjectNode body = JSON.createObjectNode().put("notes", notes.isEmpty() ? token : notes + " " + token)
                .put("version", p.get("version").asLong());
        Resp r = send("notes_write", patch("/api/prospects/" + pid, body));
        if (r.ok()) {
            writesAcked.incrementAndGet();
            acks.computeIfAbsent(pid, x -> new Acks()).note(token, r.json().get("version").asLong());
        } else if (r.status() == 409) {
            conflicts409.incrementAndGet();
        }
    }

    /** A write with the version before the one just read: must be refused with 409, never applied. */
    private void staleWrite(Random rnd) throws IOException, InterruptedException {
        long pid = pickProspect(rnd);
        Resp g = send("prospect_get", get("/api/prospects/" + pid));
        if (!g.ok() || g.json().get("version").asLong() < 1) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("notes", "stale write")
                .put("version", g.json().get("version").asLong() - 1);
        Resp r = send("stale_write", patch("/api/prospects/" + pid, body));
        if (r.status() == 409) {
            conflicts409.incrementAndGet();
        } else if (r.ok()) {
            staleAccepted.incrementAndGet();
        } else {
            staleNot409.incrementAndGet();
        }
    }

    /** Acknowledged writes not found afterwards: note tokens missing from the notes, status changes missing from the history. */
    private long verify() throws IOException, InterruptedException {
        long missing = 0;
        for (Map.Entry<Long, Acks> e : new TreeMap<>(acks).entrySet()) {
            Resp p = send(null, get("/api/prospects/" + e.getKey()));
            Resp h = send(null, get("/api/prospects/" + e.getKey() + "/history"));
            Acks a = e.getValue();
            if (!p.ok() || !h.ok()) {
                missing += a.noteTokens.size() + a.transitions.values().stream().mapToInt(Integer::intValue).sum();
                continue;
            }
            String notes = p.json().hasNonNull("notes") ? p.json().get("notes").asText() : "";
            Set<String> present = new HashSet<>(Arrays.asList(notes.split(" ")));
            missing += a.noteTokens.stream().filter(t -> !present.contains(t)).count();
            Map<String, Integer> history = new HashMap<>();
            h.json().forEach(c -> history.merge(c.path("from").asText() + ">" + c.path("to").asText(), 1,
                    Integer::sum));
            for (Map.Entry<String, Integer> t : a.transitions.entrySet()) {
                missing += Math.max(0, t.getValue() - history.getOrDefault(t.getKey(), 0));
            }
            if (p.json().get("version").asLong() < a.maxVersion) {
                missing++;
            }
        }
        return missing;
    }

    private ObjectNode report(double seconds, long missing, int clientErrors) {
        ObjectNode r = JSON.createObjectNode();
        r.put("clients", o.clients()).put("seconds", o.seconds()).put("seconds_run", round1(seconds))
                .put("seed", o.seed()).put("prospects", prospectIds.length);
        r.put("requests", requests.get()).put("throughput_per_s", round1(requests.get() / seconds));
        r.put("errors_5xx", errors5xx.get()).put("closed_reader_errors", closedReader.get())
                .put("stack_traces", stackTraces.get()).put("transport_errors", transportErrors.get())
                .put("client_errors", clientErrors);
        ObjectNode byStatus = r.putObject("errors_by_status");
        Map<Integer, Long> all = new TreeMap<>();
        endpoints.values().forEach(e -> {
            synchronized (e) {
                e.statuses.forEach((s, n) -> all.merge(s, n, Long::sum));
            }
        });
        all.forEach((s, n) -> {
            if (s >= 400 || s < 200) {
                byStatus.put(Integer.toString(s), n);
            }
        });
        r.put("writes_acknowledged", writesAcked.get()).put("writes_missing_after", missing)
                .put("conflicts_409", conflicts409.get()).put("stale_writes_accepted", staleAccepted.get())
                .put("stale_writes_not_409", staleNot409.get());
        long underLoad = commitNanos.stream().filter(t -> t < clientsStoppedNanos).count();
        r.put("ingest_commits", ingestMillis.size()).put("ingest_commits_under_load", underLoad);
        ArrayNode im = r.putArray("ingest_ms");
        ingestMillis.forEach(im::add);
        if (ingestError != null) {
            r.put("ingest_error", ingestError);
        }
        ObjectNode eps = r.putObject("endpoints");
        endpoints.forEach((name, e) -> {
            ObjectNode x = eps.putObject(name);
            synchronized (e) {
                x.put("requests", e.n);
            }
            x.put("p50_ms", round1(e.percentileMs(50))).put("p95_ms", round1(e.percentileMs(95)))
                    .put("p99_ms", round1(e.percentileMs(99)));
            ObjectNode st = x.putObject("statuses");
            ObjectNode fe = x.putObject("first_errors");
            synchronized (e) {
                e.statuses.forEach((s, n) -> st.put(Integer.toString(s), n));
                e.firstErrors.forEach((s, b) -> fe.put(Integer.toString(s), b));
            }
        });
        ObjectNode req = r.putObject("requirements");
        req.put("no_5xx", errors5xx.get() == 0 && transportErrors.get() == 0 && clientErrors == 0);
        req.put("no_closed_reader_errors", closedReader.get() == 0 && stackTraces.get() == 0);
        req.put("every_acknowledged_write_present", missing == 0);
        req.put("every_version_conflict_a_409", staleAccepted.get() == 0 && staleNot409.get() == 0);
        req.put("two_ingest_commits_during_the_run", underLoad == 2 && ingestError == null);
        boolean passed = true;
        for (JsonNode v : req) {
            passed &= v.asBoolean();
        }
        r.put("passed", passed);
        return r;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    // ---- HTTP ----

    private HttpRequest recommendationRequest(String unit) {
        return post("/api/recommendations", JSON.createObjectNode().put("content", o.content())
                .put("title", o.title()).put("unit", unit).put("top", 10));
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    private HttpRequest post(String path, JsonNode body) {
        return builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest patch(String path, JsonNode body) {
        return builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(o.base().resolve(path)).header("Authorization", "Bearer " + o.token())
                .header("Accept", "application/json").timeout(Duration.ofSeconds(120));
    }

    /** Sends and records ({@code endpoint} null: setup and checks, not counted). */
    private Resp send(String endpoint, HttpRequest req) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (endpoint == null) {
                throw e;
            }
            requests.incrementAndGet();
            transportErrors.incrementAndGet();
            endpoints.get(endpoint).add(System.nanoTime() - t0, 0);
            return new Resp(0, "");
        }
        long t = System.nanoTime() - t0;
        Resp r = new Resp(res.statusCode(), res.body() == null ? "" : res.body());
        if (endpoint != null) {
            requests.incrementAndGet();
            endpoints.get(endpoint).add(t, r.status());
            if (r.status() >= 400) {
                endpoints.get(endpoint).error(r.status(), r.body());
            }
            if (r.status() >= 500) {
                errors5xx.incrementAndGet();
            }
            if (!r.ok() && isClosedReaderError(r.body())) {
                closedReader.incrementAndGet();
            }
            if (hasStackTrace(r.body())) {
                stackTraces.incrementAndGet();
            }
        }
        return r;
    }

    static boolean isClosedReaderError(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        return b.contains("alreadyclosed") || b.contains("is closed") || b.contains("was already released");
    }

    static boolean hasStackTrace(String body) {
        return body.contains("\tat ") || body.matches("(?s).*\\bat [a-z]+(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\).*");
    }

    private static void require(Resp r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("could not " + what + ": HTTP " + r.status() + " " + r.body());
        }
    }
}
