package io.linkscout.osnode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.opensearch.Version;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;

/**
 * A real N-node OpenSearch cluster inside this one JVM, on 127.0.0.1, for LinkScout's tests and for development:
 * every node holds data and may be cluster manager, HTTP and transport ports are chosen free, the data lives in a
 * directory of its own (a new temporary one unless {@code --data} names one; a temporary one is removed on stop).
 *
 * <p>Usage: {@code java -cp linkscout-opensearch-node.jar:jars/* io.linkscout.osnode.DevCluster [--nodes N]
 * [--data DIR] [--url-file FILE] [--cluster-name NAME]}. When the cluster is green it prints
 * {@code OPENSEARCH_URL http://127.0.0.1:PORT,...} (every node's HTTP address) on standard output and, with
 * {@code --url-file}, writes that list to the file (atomically: the file appears only when the cluster is ready).
 * It then reads commands, one per line, from standard input: {@code stop-node I} closes node {@code I} (0-based;
 * prints {@code STOPPED I}), {@code stop} (or the end of the input, or SIGTERM) closes every node and exits 0.
 *
 * <p>Loads the {@code transport-netty4} (HTTP, transport), {@code analysis-common} (english analyzer, stemmers,
 * stop filters) and {@code mapper-extras} (rank_feature) modules as classpath plugins, as OpenSearch's own
 * test nodes do. Must run without {@code -ea} (OpenSearch asserts on its Lucene version).
 */
public final class DevCluster {

    static final List<String> PLUGINS = List.of("org.opensearch.transport.Netty4ModulePlugin",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.index.mapper.MapperExtrasModulePlugin");

    /** A node started with classpath plugins (the constructor that takes them is protected). */
    static final class PluginNode extends Node {
        PluginNode(Environment env, List<PluginInfo> plugins) {
            super(env, plugins, true);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();
    private final Path data;
    private final boolean tempData;

    private DevCluster(Path data, boolean tempData) {
        this.data = data;
        this.tempData = tempData;
    }

    public static void main(String[] args) throws Exception {
        int n = 2;
        Path data = null;
        Path urlFile = null;
        String clusterName = "linkscout-dev";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> n = Integer.parseInt(value(args, ++i));
                case "--data" -> data = Path.of(value(args, ++i));
                case "--url-file" -> urlFile = Path.of(value(args, ++i));
                case "--cluster-name" -> clusterName = value(args, ++i);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (n < 1 || n > 9) {
            usage("--nodes must be 1 to 9");
        }
        boolean temp = data == null;
        DevCluster c = new DevCluster(temp ? Files.createTempDirectory("linkscout-opensearch-")
                : Files.createDirectories(data), temp);
        Runtime.getRuntime().addShutdownHook(new Thread(c::stopAll, "opensearch-dev-stop"));
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        try {
            c.start(n, clusterName);
        } catch (Exception e) {
            System.err.println("ERROR could not start the OpenSearch cluster: " + e);
            e.printStackTrace();
            c.stopAll();
            System.exit(1);
        }
        String urls = c.urls();
        if (urlFile != null) {
            Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
            Files.writeString(tmp, urls + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, urlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        out.printf("OPENSEARCH_URL %s%n", urls);
        out.printf("READY %d node(s) green in %.1f s, data in %s%n", n, (System.nanoTime() - t0) / 1e9, c.data);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            line = line.trim();
            if (line.equals("stop")) {
                break;
            } else if (line.startsWith("stop-node ")) {
                int i = Integer.parseInt(line.substring("stop-node ".length()).trim());
                c.stopNode(i);
                out.println("STOPPED " + i);
                out.flush();
            } else if (!line.isEmpty()) {
                out.println("UNKNOWN " + line);
                out.flush();
            }
        }
        c.stopAll();
        System.exit(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("ERROR " + problem + "\nusage: DevCluster [--nodes N] [--data DIR] [--url-file FILE] "
                + "[--cluster-name NAME]");
        System.exit(2);
    }

    private void start(int n, String clusterName) throws Exception {
        List<Integer> transport = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            httpPorts.add(freePort());
            transport.add(freePort());
        }
        List<String> names = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("node-" + i);
            seeds.add("127.0.0.1:" + transport.get(i));
        }
        List<PluginInfo> plugins = PLUGINS.stream().map(cls -> new PluginInfo(cls, "classpath module", "NA",
                Version.CURRENT, "21", cls, null, List.of(), false)).toList();
        for (int i = 0; i < n; i++) {
            Path home = Files.createDirectories(data.resolve(names.get(i)));
            Settings s = Settings.builder()
                    .put("cluster.name", clusterName)
                    .put("node.name", names.get(i))
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("path.logs", home.resolve("logs").toString())
                    .put("network.host", "127.0.0.1")
                    .put("http.port", httpPorts.get(i))
                    .put("transport.port", transport.get(i))
                    .putList("discovery.seed_hosts", seeds)
                    .putList("cluster.initial_cluster_manager_nodes", names)
                    // a developer machine or CI box: do not refuse shards because the disk is fuller than 85 %
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("node.max_local_storage_nodes", 1)
                    .put("action.auto_create_index", false)
                    .build();
            Environment env = InternalSettingsPreparer.prepareEnvironment(s, java.util.Map.of(), null,
                    () -> names.get(nodes.size()));
            Node node = new PluginNode(env, plugins);
            nodes.add(node);
        }
        // start them together: the first cluster-manager election needs every initial node
        List<Thread> starters = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Node node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    node.start();
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "start-" + node.settings().get("node.name"));
            t.start();
            starters.add(t);
        }
        for (Thread t : starters) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        ClusterHealthResponse h = nodes.get(0).client().admin().cluster().prepareHealth()
                .setWaitForNodes(Integer.toString(n)).setWaitForGreenStatus()
                .setTimeout(TimeValue.timeValueSeconds(120)).get();
        if (h.isTimedOut() || h.getStatus() != ClusterHealthStatus.GREEN) {
            throw new IllegalStateException("cluster not green after 120 s: " + h.getStatus() + ", "
                    + h.getNumberOfNodes() + " node(s)");
        }
    }

    private String urls() {
        List<String> u = new ArrayList<>();
        for (int p : httpPorts) {
            u.add("http://127.0.0.1:" + p);
        }
        return String.join(",", u);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private synchronized void stopNode(int i) throws IOException {
        if (i < 0 || i >= nodes.size() || nodes.get(i) == null) {
            return;
        }
        Node node = nodes.set(i, null);
        node.close();
        try {
            node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stopAll() {
        for (int i = 0; i < nodes.size(); i++) {
            try {
                stopNode(i);
            } catch (IOException | RuntimeException e) {
                System.err.println("node-" + i + " did not close cleanly: " + e);
            }
        }
        if (tempData && Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + data + ": " + e);
            }
        }
    }
}
