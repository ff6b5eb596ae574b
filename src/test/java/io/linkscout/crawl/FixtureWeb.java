package io.linkscout.crawl;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Virtual sites on one loopback HTTP server (crawler and monitor tests), told apart by the Host header; records every request with its
 * arrival time. Every response says {@code Connection: close}, so each request resolves its host again.
 */
public final class FixtureWeb implements AutoCloseable {

    public record Req(String host, String path, long nanos, String userAgent, String cookie, String acceptEncoding) {
    }

    record Resp(int status, String type, byte[] body, Map<String, String> headers, long delayMillis) {
    }

    private final HttpServer server;
    private final Map<String, Map<String, Resp>> sites = new HashMap<>();
    private final Map<String, Map<String, HttpHandler>> handlers = new HashMap<>();
    private final List<Req> requests = new ArrayList<>();
    /** Runs on the server thread before a response is sent (tests use it to kill a crawler mid-request). */
    volatile java.util.function.Consumer<Req> onRequest = r -> { };

    public FixtureWeb() throws IOException {
        this(0);
    }

    FixtureWeb(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            String host = ex.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            String path = ex.getRequestURI().getRawPath();
            if (ex.getRequestURI().getRawQuery() != null) {
                path += "?" + ex.getRequestURI().getRawQuery();
            }
            Resp r;
            HttpHandler custom;
            synchronized (this) {
                requests.add(new Req(host, path, System.nanoTime(), ex.getRequestHeaders().getFirst("User-Agent"),
                        ex.getRequestHeaders().getFirst("Cookie"), ex.getRequestHeaders().getFirst("Accept-Encoding")));
                r = sites.getOrDefault(host, Map.of()).get(path);
                custom = handlers.getOrDefault(host, Map.of()).get(path);
                if (custom == null) {
                    // a handler for "/prefix/*" answers every path below /prefix/
                    for (Map.Entry<String, HttpHandler> h : handlers.getOrDefault(host, Map.of()).entrySet()) {
                        if (h.getKey().endsWith("*") && path.startsWith(h.getKey().substring(0, h.getKey().length() - 1))) {
                            custom = h.getValue();
                        }
                    }
                }
            }
            onRequest.accept(new Req(host, path, System.nanoTime(), null, null, null));
            if (custom != null) {
                ex.getResponseHeaders().add("Connection", "close");
                try {
                    custom.handle(ex);
                } finally {
                    ex.close();
                }
                return;
            }
            if (r == null) {
                r = new Resp(404, "text/html", "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8),
                        Map.of(), 0);
            }
            if (r.delayMillis() > 0) {
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.getResponseHeaders().add("Connection", "close");
            if (r.type() != null) {
                ex.getResponseHeaders().add("Content-Type", r.type());
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    public synchronized FixtureWeb add(String host, String path, int status, String type, String body,
            Map<String, String> headers) {
        return addBytes(host, path, status, type, body.getBytes(StandardCharsets.UTF_8), headers, 0);
    }

    synchronized FixtureWeb addBytes(String host, String path, int status, String type, byte[] body,
            Map<String, String> headers, long delayMillis) {
        sites.computeIfAbsent(host, k -> new LinkedHashMap<>()).put(path,
                new Resp(status, type, body, headers, delayMillis));
        return this;
    }

    /**
     * Answers {@code path} (or, ending in {@code *}, every path with that prefix) of {@code host} with a handler of
     * its own (misbehaving servers: slow drips, endless streams, huge headers); {@code Connection: close} is set.
     */
    public synchronized FixtureWeb handle(String host, String path, HttpHandler handler) {
        handlers.computeIfAbsent(host, k -> new LinkedHashMap<>()).put(path, handler);
        return this;
    }

    public FixtureWeb page(String host, String path, String html) {
        return add(host, path, 200, "text/html; charset=utf-8", html, Map.of());
    }

    public FixtureWeb robots(String host, String text) {
        return add(host, "/robots.txt", 200, "text/plain", text.replace("PORT", Integer.toString(port())), Map.of());
    }

    public FixtureWeb redirect(String host, String path, String location) {
        return add(host, path, 301, "text/html", "", Map.of("Location", location));
    }

    public synchronized List<Req> requests() {
        return new ArrayList<>(requests);
    }

    public synchronized List<String> paths(String host) {
        List<String> out = new ArrayList<>();
        for (Req r : requests) {
            if (r.host().equals(host)) {
                out.add(r.path());
            }
        }
        return out;
    }

    /** Maps the given host names to this server's loopback address. */
    public HostResolver resolver(String... hosts) {
        Map<String, String> m = new HashMap<>();
        for (String h : hosts) {
            m.put(h, "127.0.0.1");
        }
        return HostResolver.of(m);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
