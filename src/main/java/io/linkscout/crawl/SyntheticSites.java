package io.linkscout.crawl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic synthetic sites for the crawl benchmark, served on loopback by one HTTP server and told apart
 * by the Host header: {@code bench-000.com} ... Each site has a robots.txt naming its sitemap, a sitemap of
 * {@code articles} dated articles, a home page, about/contact/write-for-us pages and articles of about 4 KB that
 * link to three other articles and to one other site. {@link #resolver()} maps the names to 127.0.0.1, so no
 * real DNS is ever asked.
 */
public final class SyntheticSites implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final int sites;
    private final int articles;
    private final long latencyMillis;
    private final AtomicLong served = new AtomicLong();

    public SyntheticSites(int sites, int articles, long latencyMillis, int serverThreads) throws IOException {
        this.sites = sites;
        this.articles = articles;
        this.latencyMillis = latencyMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newFixedThreadPool(serverThreads);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            String host = ex.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":\\d+$", "");
            String path = ex.getRequestURI().getRawPath();
            String[] body = page(host, path);
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body[1].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", body[0]);
            ex.sendResponseHeaders(body[1].isEmpty() ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
            served.incrementAndGet();
        });
        server.start();
    }

    public static String host(int i) {
        return String.format(Locale.ROOT, "bench-%03d.com", i);
    }

    public String seedUrl(int i) {
        return "http://" + host(i) + ":" + port() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long served() {
        return served.get();
    }

    public HostResolver resolver() {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < sites; i++) {
            m.put(host(i), "127.0.0.1");
        }
        return HostResolver.of(m);
    }

    private String[] page(String host, String path) {
        String base = "http://" + host + ":" + port();
        int site = host.startsWith("bench-") ? Integer.parseInt(host.substring(6, 9)) : 0;
        String html = "text/html; charset=utf-8";
        switch (path) {
            case "/robots.txt" -> {
                return new String[] {"text/plain", "User-agent: *\nDisallow: /cart/\nSitemap: " + base
                        + "/sitemap.xml\n"};
            }
            case "/sitemap.xml" -> {
                StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
                for (int k = 0; k < articles; k++) {
                    sb.append(String.format(Locale.ROOT, "<url><loc>%s/post/%d</loc><lastmod>2025-%02d-%02d</lastmod>"
                            + "</url>%n", base, k, 1 + k % 12, 1 + k % 28));
                }
                return new String[] {"application/xml", sb.append("</urlset>\n").toString()};
            }
            case "/" -> {
                return new String[] {html, doc("Site " + site + " home", "<a href=\"/about\">About</a> "
                        + "<a href=\"/contact\">Contact</a> <a href=\"/write-for-us\">Write for us</a> "
                        + "<a href=\"/post/0\">Latest</a> <a href=\"/cart/\">Cart</a>", site)};
            }
            case "/about", "/contact", "/write-for-us" -> {
                return new String[] {html, doc("Site " + site + " " + path.substring(1),
                        "<p>Email editor [at] " + host + " or see https://twitter.com/bench" + site + "</p>", site)};
            }
            default -> {
                if (path.startsWith("/post/")) {
                    int k;
                    try {
                        k = Integer.parseInt(path.substring(6));
                    } catch (NumberFormatException e) {
                        return new String[] {html, ""};
                    }
                    if (k >= 0 && k < articles) {
                        StringBuilder links = new StringBuilder();
                        for (int j = 1; j <= 3; j++) {
                            links.append("<a href=\"/post/").append((k + j * 7) % articles).append("\">Article ")
                                    .append((k + j * 7) % articles).append("</a> ");
                        }
                        links.append("<a href=\"http://").append(host((site + 1) % Math.max(1, sites)))
                                .append("/post/").append(k).append("\">A friend's article</a>");
                        return new String[] {html, doc("Article " + k + " of site " + site, links.toString(), site)};
                    }
                }
                return new String[] {html, ""};
            }
        }
    }

    private static String doc(String title, String links, int site) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1>");
        for (int p = 0; p < 12; p++) {
            sb.append("<p>Paragraph ").append(p).append(" about gardening topic ").append((site * 31 + p) % 97)
                    .append(": soil, compost, seeds, watering, harvest and the tools that help a small garden ")
                    .append("grow through the seasons, with notes from readers.</p>");
        }
        return sb.append(links).append("</body></html>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
