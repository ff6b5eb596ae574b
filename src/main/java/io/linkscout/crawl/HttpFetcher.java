package io.linkscout.crawl;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP GET at a time per call, no redirects followed (the crawler follows them itself so that robots.txt,
 * the site bound and the address guard apply to every hop). Built on Apache HttpClient 5 with:
 * the {@link GuardedDnsResolver} as its only resolver; no cookie store and no authentication cache (nothing is
 * carried between requests or hosts); gzip/deflate accepted and decoded; connect and socket timeouts plus a
 * deadline for the whole request (the request is aborted when it passes); a byte cap on bodies; no proxy from
 * system properties.
 */
final class HttpFetcher implements Closeable {

    /** A response (body decoded from its Content-Encoding, at most {@code maxBytes}). */
    record Response(String url, int status, String reason, List<String[]> headers, String contentType, byte[] body,
            InetAddress ip, Instant date) {

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }
    }

    /** Why a fetch failed; {@code kind} is the summary bucket ("timeout", "private address", ...). */
    static final class FetchException extends IOException {
        final String kind;

        FetchException(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines;
    private final long timeoutMillis;
    private final String userAgent;
    private final GuardedDnsResolver dns;

    HttpFetcher(HostResolver resolver, AddressPolicy policy, String userAgent, long timeoutMillis, int maxConnections) {
        this.timeoutMillis = timeoutMillis;
        this.userAgent = userAgent;
        Timeout t = Timeout.ofMilliseconds(timeoutMillis);
        dns = new GuardedDnsResolver(resolver, policy);
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setMaxConnPerRoute(1)
                .setMaxConnTotal(Math.max(2, maxConnections))
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(t).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .setUserAgent(userAgent)
                .setContentDecoderRegistry(contentDecoders())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t)
                        .setConnectionRequestTimeout(t).build())
                .build();
        deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "linkscout-crawl-deadline");
            th.setDaemon(true);
            return th;
        });
    }

    /**
     * The content encodings the crawler asks for and decodes: gzip and deflate only, named explicitly because
     * HttpClient 5.6 would otherwise also offer every codec it finds on the classpath (brotli, xz, lz4, ... through
     * commons-compress), which the crawler does not need and a size limit would have to trust.
     */
    private static java.util.LinkedHashMap<String, org.apache.hc.client5.http.entity.InputStreamFactory>
            contentDecoders() {
        java.util.LinkedHashMap<String, org.apache.hc.client5.http.entity.InputStreamFactory> m =
                new java.util.LinkedHashMap<>();
        m.put("gzip", org.apache.hc.client5.http.entity.GZIPInputStreamFactory.getInstance());
        m.put("x-gzip", org.apache.hc.client5.http.entity.GZIPInputStreamFactory.getInstance());
        m.put("deflate", org.apache.hc.client5.http.entity.DeflateInputStreamFactory.getInstance());
        return m;
    }

    String userAgent() {
        return userAgent;
    }

    /**
     * GETs {@code url}. {@code acceptType} sees the Content-Type (lower case, "" when absent) before the body is
     * read; when it says no, the body is not read and a {@code "non-html"} failure is thrown.
     */
    Response get(String url, long maxBytes, Predicate<String> acceptType) throws FetchException {
        HttpGet get;
        try {
            get = new HttpGet(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new FetchException("bad url", "not a valid URL: " + url);
        }
        get.setHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
        HttpClientContext ctx = HttpClientContext.create();
        Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ScheduledFuture<?> deadline = deadlines.schedule(get::cancel, timeoutMillis, TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse resp = client.execute(get, ctx)) {
            HttpEntity entity = resp.getEntity();
            String ct = entity != null && entity.getContentType() != null ? entity.getContentType()
                    : resp.getFirstHeader("Content-Type") == null ? "" : resp.getFirstHeader("Content-Type").getValue();
            ct = ct.toLowerCase(Locale.ROOT).strip();
            int status = resp.getCode();
            boolean redirect = status >= 300 && status < 400;
            if (!redirect && status < 300 && !acceptType.test(ct)) {
                throw new FetchException("non-html", "not HTML (" + (ct.isEmpty() ? "no Content-Type" : ct) + ")");
            }
            if (entity != null && entity.getContentLength() > maxBytes) {
                throw new FetchException("too large", "larger than --max-bytes " + maxBytes + " ("
                        + entity.getContentLength() + " bytes)");
            }
            byte[] body = new byte[0];
            if (entity != null && !redirect) {
                body = readCapped(entity.getContent(), maxBytes);
            }
            List<String[]> headers = new ArrayList<>();
            for (Header h : resp.getHeaders()) {
                headers.add(new String[] {h.getName(), h.getValue()});
            }
            return new Response(url, status, resp.getReasonPhrase(), headers, ct, body, remoteAddress(ctx), date);
        } catch (FetchException e) {
            throw e;
        } catch (GuardedDnsResolver.BlockedAddressException e) {
            throw new FetchException("private address", e.getMessage());
        } catch (UnknownHostException e) {
            throw new FetchException("dns", "unknown host " + e.getMessage());
        } catch (ConnectException | NoRouteToHostException e) {
            throw new FetchException("connection refused", "cannot connect: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new FetchException("timeout", "no answer within --timeout " + timeoutMillis + " ms");
        } catch (InterruptedIOException e) {
            throw new FetchException("timeout", "not finished within --timeout " + timeoutMillis + " ms");
        } catch (SSLException e) {
            throw new FetchException("tls", "TLS failed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (get.isCancelled()) {
                throw new FetchException("timeout", "not finished within --timeout " + timeoutMillis + " ms");
            }
            throw new FetchException("io", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    /** Checks where {@code url}'s host resolves without connecting; throws when the address policy refuses it. */
    void checkTarget(String url) throws FetchException {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            throw new FetchException("bad url", "not a valid URL: " + url);
        }
        try {
            dns.resolve(host);
        } catch (GuardedDnsResolver.BlockedAddressException e) {
            throw new FetchException("private address", e.getMessage());
        } catch (UnknownHostException e) {
            // an unknown host is not a safety problem; the caller reports the redirect itself
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new FetchException("too large", "larger than --max-bytes " + maxBytes);
                }
            }
        }
        return out.toByteArray();
    }

    private static InetAddress remoteAddress(HttpClientContext ctx) {
        EndpointDetails d = ctx.getEndpointDetails();
        SocketAddress a = d == null ? null : d.getRemoteAddress();
        return a instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
        connections.close();
    }
}
