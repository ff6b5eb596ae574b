package io.linkscout.search;

import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts a real OpenSearch cluster for tests and development: {@code N} nodes inside one child JVM on 127.0.0.1
 * (the launcher {@code src/opensearch}, built by {@code ./mvnw package} into {@code target/opensearch/}: OpenSearch
 * 3.9.0 needs Netty 4.2 and its own Lucene, which cannot share the Quarkus classpath, hence the child process; the
 * app links no OpenSearch server class). HTTP ports are chosen free, the data lives in a temporary directory removed
 * on {@link Cluster#close}. The child runs without {@code -ea} (OpenSearch asserts on its Lucene version).
 */
public final class OpenSearchLauncher {

    /** The launcher jar inside its home. */
    public static final String JAR = "linkscout-opensearch-node.jar";
    static final String MAIN = "io.linkscout.osnode.DevCluster";

    private OpenSearchLauncher() {
    }

    /**
     * The built launcher: {@code configured} when given, else the first {@code opensearch/} directory holding
     * {@value #JAR} in the working directory's {@code target/} or beside the application's jar or classes.
     */
    public static Path locateHome(String configured) {
        return io.linkscout.config.BuildUnits.locate(configured, "opensearch", JAR, configured + " holds no " + JAR
                + "; point it at the target/opensearch directory that ./mvnw package builds", "the OpenSearch dev "
                + "cluster launcher is not built: run ./mvnw package without -DskipOpenSearchNode=true (it builds "
                + "target/opensearch/)");
    }

    /** A running cluster; {@link #close} stops every node and removes the data. */
    public static final class Cluster implements Closeable {
        private final Process process;
        private final OutputStream control;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        private String urls;

        private Cluster(Process process, Consumer<String> echo) {
            this.process = process;
            this.control = process.getOutputStream();
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        if (output.size() < 2000) {
                            output.add(l);
                        }
                        if (echo != null) {
                            echo.accept(l);
                        }
                        if (l.startsWith("OPENSEARCH_URL ") || l.startsWith("READY ") || l.startsWith("STOPPED ")
                                || l.startsWith("ERROR ")) {
                            events.add(l);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                events.add("EXIT");
            }, "opensearch-dev-output");
            pump.setDaemon(true);
            pump.start();
        }

        private void awaitReady(Duration timeout) {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                String e = next(end);
                if (e == null || e.equals("EXIT") || e.startsWith("ERROR ")) {
                    process.destroyForcibly();
                    throw new UserException("the OpenSearch dev cluster did not start" + (e == null
                            ? " within " + timeout.toSeconds() + " s" : "") + ". Its output:\n  " + tail());
                }
                if (e.startsWith("OPENSEARCH_URL ")) {
                    urls = e.substring("OPENSEARCH_URL ".length()).trim();
                } else if (e.startsWith("READY ")) {
                    return;
                }
            }
        }

        private String next(long endNanos) {
            try {
                return events.poll(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private String tail() {
            synchronized (output) {
                return String.join("\n  ", output.subList(Math.max(0, output.size() - 15), output.size()));
            }
        }

        /** Every node's HTTP URL, comma-separated (what {@code --opensearch-url} takes). */
        public String urls() {
            return urls;
        }

        /** Stops node {@code i} (0-based) and waits until it is closed; the others keep running. */
        public void stopNode(int i) {
            send("stop-node " + i);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String e = next(end); e != null && !e.equals("EXIT"); e = next(end)) {
                if (e.equals("STOPPED " + i)) {
                    return;
                }
            }
            throw new UserException("OpenSearch node " + i + " did not stop within 60 s");
        }

        private void send(String line) {
            try {
                PrintWriter w = new PrintWriter(control, true, StandardCharsets.UTF_8);
                w.println(line);
                w.flush();
            } catch (RuntimeException e) {
                // the process is gone
            }
        }

        /** Waits until the cluster process ends (e.g. when it is stopped from outside). */
        public int waitFor() throws InterruptedException {
            return process.waitFor();
        }

        @Override
        public void close() {
            send("stop");
            try {
                control.close();
            } catch (IOException e) {
                // already closed
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts {@code nodes} nodes in one child JVM with {@code heap} (e.g. {@code 1g}) and waits until the cluster is
     * green; {@code echo} (null: none) receives the child's output lines.
     */
    public static Cluster start(Path home, int nodes, String heap, Consumer<String> echo) throws IOException {
        if (nodes < 1 || nodes > 9) {
            throw new UserException("--nodes must be 1 to 9, got " + nodes);
        }
        if (!heap.matches("\\d+[kKmMgG]")) {
            throw new UserException("--heap must look like 512m or 1g, got '" + heap + "'");
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap, "-cp", home.resolve(JAR) + java.io.File.pathSeparator
                        + home.resolve("jars") + java.io.File.separator + "*", MAIN, "--nodes",
                Integer.toString(nodes));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Cluster c = new Cluster(p, echo);
        try {
            c.awaitReady(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
