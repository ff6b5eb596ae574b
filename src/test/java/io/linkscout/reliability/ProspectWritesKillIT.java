package io.linkscout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server ({@code quarkus-run.jar serve}, a child process with a fresh PostgreSQL database on the test
 * server) is killed with SIGKILL ({@link Process#destroyForcibly}) in the middle of a stream of prospect writes —
 * notes and status changes with their version, over the REST API with an API token — at a seeded number of
 * acknowledged writes, twice, and started again each time. After each restart every prospect is exactly its
 * acknowledged state, or that state plus the one write that was in flight when the server died: every
 * acknowledged (2xx) write is there, and nothing is half-written (notes, status, history and version always move
 * together). Runs in the {@code verify} phase (Failsafe), after {@code package}.
 */
class ProspectWritesKillIT {

    static final long SEED = 1901;
    static final int WRITERS = 4;
    static final int PROSPECTS_PER_WRITER = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    String adminUrl;
    String dbUser;
    String dbPassword;
    String dbName;
    String dbUrl;
    int port;
    Process server;
    String token;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void database() throws Exception {
        adminUrl = env("LINKSCOUT_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        dbUser = env("LINKSCOUT_TEST_DB_USER", "postgres");
        dbPassword = env("LINKSCOUT_TEST_DB_PASSWORD", "");
        dbName = "linkscout_kill_it_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
                Statement s = c.createStatement()) {
            s.execute("create database " + dbName);
        }
        dbUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + dbName;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        try (Connection c = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + dbName + " with (force)");
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The packaged application with this test's database, index folder and port. */
    ProcessBuilder app(String log, String... args) {
        String jar = System.getProperty("linkscout.app.jar", "target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " is missing: run ./mvnw verify (package comes first)");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        Map<String, String> e = pb.environment();
        e.put("QUARKUS_DATASOURCE_JDBC_URL", dbUrl);
        e.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
        e.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        e.put("LINKSCOUT_INDEX_DIR", tmp.resolve("index").toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(log).toFile()));
        return pb;
    }

    /** Runs a command of the packaged app to its end; returns its standard output. */
    String run(String... args) throws Exception {
        Path out = tmp.resolve("cli-" + System.nanoTime() + ".out");
        ProcessBuilder pb = app("cli.log", args);
        pb.redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("cli.log").toFile()));
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "linkscout " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), "linkscout " + String.join(" ", args) + ": " + log("cli.log"));
        return Files.readString(out);
    }

    String log(String name) throws IOException {
        Path f = tmp.resolve(name);
        if (!Files.exists(f)) {
            return "(no log)";
        }
        String s = Files.readString(f);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    void startServer() throws Exception {
        server = app("server.log", "serve", "--no-sample").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            if (!server.isAlive()) {
                fail("the server exited with " + server.exitValue() + ": " + log("server.log"));
            }
            try {
                if (send(get("/api/campaigns")).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                fail("the server did not answer within 300 s: " + log("server.log"));
            }
            Thread.sleep(250);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
    }

    HttpRequest get(String path) {
        return request(path).GET().build();
    }

    HttpRequest send(String method, String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode ok(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> res = send(r);
        assertTrue(res.statusCode() / 100 == 2, r.method() + " " + r.uri() + ": " + res.statusCode() + " " + res.body());
        return JSON.readTree(res.body());
    }

    /** What is known of one prospect: its acknowledged state, and the write in flight when the server died. */
    static final class Model {
        final long id;
        long version;
        String status;
        final List<String> notes = new ArrayList<>();
        final List<String> history = new ArrayList<>();
        /** {"note", token} or {"status", from, to}; null when nothing is in doubt. */
        String[] inFlight;
        int acked;
        /** The version right after the prospect was added, and the writes that took effect since. */
        long base;
        int applied;

        Model(long id) {
            this.id = id;
        }

        String notesText() {
            return String.join(" ", notes);
        }
    }

    /** Writes to its own prospects (so that no 409 is expected) until its first transport error. */
    final class Writer implements Runnable {
        final List<Model> mine;
        final Random rnd;
        final AtomicInteger acks;
        int tokens;
        final String name;

        Writer(String name, List<Model> mine, long seed, AtomicInteger acks) {
            this.name = name;
            this.mine = mine;
            this.rnd = new Random(seed);
            this.acks = acks;
        }

        @Override
        public void run() {
            while (true) {
                Model m = mine.get(rnd.nextInt(mine.size()));
                try {
                    if (rnd.nextInt(3) == 0) {
                        String to = next(m.status);
                        m.inFlight = new String[] {"status", m.status, to};
                        JsonNode r = ok(send("POST", "/api/prospects/" + m.id + "/status", JSON.createObjectNode()
                                .put("status", to).put("version", m.version).put("changedBy", name)));
                        m.history.add(m.status + ">" + to);
                        m.status = to;
                        m.version = r.get("version").asLong();
                    } else {
                        String t = name + "-" + tokens++;
                        m.inFlight = new String[] {"note", t};
                        List<String> notes = new ArrayList<>(m.notes);
                        notes.add(t);
                        JsonNode r = ok(send("PATCH", "/api/prospects/" + m.id, JSON.createObjectNode()
                                .put("notes", String.join(" ", notes)).put("version", m.version)));
                        m.notes.add(t);
                        m.version = r.get("version").asLong();
                    }
                    m.inFlight = null;
                    m.acked++;
                    m.applied++;
                    acks.incrementAndGet();
                } catch (IOException e) {
                    return; // the server is gone: m.inFlight may or may not have been applied
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** A next status that needs nothing more than the version (WON needs a won link). */
        String next(String from) {
            List<String> to = switch (from) {
                case "NEW" -> List.of("QUALIFIED", "REJECTED");
                case "QUALIFIED" -> List.of("CONTACTED", "REJECTED");
                case "CONTACTED" -> List.of("REPLIED", "LOST");
                case "REPLIED", "WON" -> List.of("LOST");
                case "LOST" -> List.of("QUALIFIED");
                case "REJECTED" -> List.of("NEW");
                default -> throw new IllegalStateException(from);
            };
            return to.get(rnd.nextInt(to.size()));
        }
    }

    /**
     * The server's prospect must be the model, or the model plus its in-flight write, applied whole; the model then
     * takes the server's state.
     */
    void check(Model m) throws Exception {
        JsonNode p = ok(get("/api/prospects/" + m.id));
        List<String> history = new ArrayList<>();
        for (JsonNode c : ok(get("/api/prospects/" + m.id + "/history"))) {
            history.add(c.path("from").asText() + ">" + c.path("to").asText());
        }
        String notes = p.hasNonNull("notes") ? p.get("notes").asText() : "";
        String status = p.get("status").asText();
        long version = p.get("version").asLong();
        String where = "prospect " + m.id + " (" + m.acked + " writes acknowledged, in flight: "
                + (m.inFlight == null ? "none" : String.join(" ", m.inFlight)) + "): notes '" + notes + "', status "
                + status + ", version " + version + ", history " + history;
        boolean asAcked = notes.equals(m.notesText()) && status.equals(m.status) && history.equals(m.history)
                && version == m.version;
        boolean withInFlight = false;
        if (!asAcked && m.inFlight != null) {
            List<String> n = new ArrayList<>(m.notes);
            List<String> h = new ArrayList<>(m.history);
            String s = m.status;
            if (m.inFlight[0].equals("note")) {
                n.add(m.inFlight[1]);
            } else {
                h.add(m.inFlight[1] + ">" + m.inFlight[2]);
                s = m.inFlight[2];
            }
            withInFlight = notes.equals(String.join(" ", n)) && status.equals(s) && history.equals(h)
                    && version > m.version;
        }
        assertTrue(asAcked || withInFlight, "not the acknowledged state (nor it plus the write in flight): " + where);
        if (m.inFlight != null) {
            System.out.printf("ProspectWritesKillIT: prospect %d: the write in flight (%s) %s%n", m.id,
                    String.join(" ", m.inFlight), withInFlight ? "took effect, whole" : "did not take effect");
        }
        // nothing half-written: one version step per write that took effect, notes and history included
        assertEquals(m.base + m.applied + (withInFlight ? 1 : 0), version, where);
        if (withInFlight) {
            m.applied++;
            if (m.inFlight[0].equals("note")) {
                m.notes.add(m.inFlight[1]);
            } else {
                m.history.add(m.inFlight[1] + ">" + m.inFlight[2]);
                m.status = m.inFlight[2];
            }
        }
        m.version = version;
        m.inFlight = null;
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Files.writeString(tmp.resolve("pw"), "kill-it-password-" + SEED + "\n");
        run("user", "add", "--name", "killer", "--role", "editor", "--password-file", tmp.resolve("pw").toString());
        token = run("user", "token", "create", "--name", "killer", "--label", "kill-it").strip();
        assertTrue(token.startsWith("ls_"), token);

        startServer();
        long campaign = ok(send("POST", "/api/campaigns", JSON.createObjectNode().put("name", "kill " + SEED)
                .put("contentTitle", "Otters of the river").put("contentText", "A guide to river otters and their fish.")
                .put("targetDomain", "kill-it-own-site.org"))).get("id").asLong();
        ArrayNode ps = JSON.createArrayNode();
        for (int i = 0; i < WRITERS * PROSPECTS_PER_WRITER; i++) {
            ps.addObject().put("domain", "kill-prospect-" + i + ".org");
        }
        ok(send("POST", "/api/campaigns/" + campaign + "/prospects", JSON.createObjectNode().put("limit", 100)
                .set("prospects", ps)));
        List<Model> models = new ArrayList<>();
        for (JsonNode p : ok(get("/api/campaigns/" + campaign + "/prospects?sort=id&size=100")).get("items")) {
            Model m = new Model(p.get("id").asLong());
            m.status = p.get("status").asText();
            m.version = p.get("version").asLong();
            m.base = m.version;
            for (JsonNode c : ok(get("/api/prospects/" + m.id + "/history"))) {
                m.history.add(c.path("from").asText() + ">" + c.path("to").asText());
            }
            models.add(m);
        }
        assertEquals(WRITERS * PROSPECTS_PER_WRITER, models.size());

        Random seeds = new Random(SEED);
        for (int round = 0; round < 2; round++) {
            int killAfter = 40 + seeds.nextInt(80);
            System.out.printf("ProspectWritesKillIT: seed %d, round %d: SIGKILL after %d acknowledged writes%n", SEED,
                    round, killAfter);
            AtomicInteger acks = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread t = new Thread(new Writer("w" + w + "r" + round, models.subList(w * PROSPECTS_PER_WRITER,
                        (w + 1) * PROSPECTS_PER_WRITER), SEED * 100 + round * 10 + w, acks), "writer-" + w);
                t.start();
                threads.add(t);
            }
            while (acks.get() < killAfter) {
                Thread.sleep(5);
                assertTrue(server.isAlive(), "the server died by itself: " + log("server.log"));
            }
            server.destroyForcibly(); // SIGKILL on Linux
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            for (Thread t : threads) {
                t.join(120_000);
                assertTrue(!t.isAlive(), "a writer did not stop after the kill");
            }
            long inFlight = models.stream().filter(m -> m.inFlight != null).count();
            System.out.printf("ProspectWritesKillIT: round %d: killed with %d writes acknowledged, %d in flight%n",
                    round, acks.get(), inFlight);
            assertTrue(acks.get() >= killAfter);

            startServer();
            for (Model m : models) {
                check(m);
            }
        }
        long acked = models.stream().mapToLong(m -> m.acked).sum();
        assertTrue(acked >= 80, "writes acknowledged over both rounds: " + acked);
        // and the server takes writes again after the restarts
        Model m = models.get(0);
        JsonNode r = ok(send("PATCH", "/api/prospects/" + m.id, JSON.createObjectNode()
                .put("notes", m.notesText() + " after-restart").put("version", m.version)));
        assertTrue(r.get("notes").asText().endsWith(" after-restart"));
        assertEquals(m.version + 1, r.get("version").asLong());
    }
}
