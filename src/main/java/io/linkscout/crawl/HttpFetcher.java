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
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
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

    /**
     * Longest line of a response head (status line, one header, a chunk-size line) read, in bytes; a longer one
     * fails the request as {@code header too large}. Servers use 8 KiB; 32 KiB leaves room for large cookies and
     * security-policy headers.
     */
    static final int MAX_HEADER_LINE_BYTES = 32 * 1024;
    /** Most header lines in one response; more fail the request as {@code header too large}. */
    static final int MAX_HEADER_COUNT = 100;

    /**
     * A response (body decoded from its Content-Encoding, at most {@code maxBytes}; {@code truncated} when the
     * caller asked for the first {@code maxBytes} of a longer body).
     */
    record Response(String url, int status, String reason, List<String[]> headers, String contentType, byte[] body,
            InetAddress ip, Instant date, boolean truncated) {

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
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setMaxLineLength(MAX_HEADER_LINE_BYTES)
                                .setMaxHeaderCount(MAX_HEADER_COUNT).build())
                        .build())
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
        return get(url, maxBytes, acceptType, false);
    }

    /**
     * As {@link #get(String, long, Predicate)}; with {@code truncate} a body longer than {@code maxBytes} is cut
     * there (the rest is not read, the connection is dropped) instead of failing as {@code too large}.
     */
    Response get(String url, long maxBytes, Predicate<String> acceptType, boolean truncate) throws FetchException {
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
        CloseableHttpResponse resp = null;
        try {
            resp = client.execute(get, ctx);
            HttpEntity entity = resp.getEntity();
            String ct = entity != null && entity.getContentType() != null ? entity.getContentType()
                    : resp.getFirstHeader("Content-Type") == null ? "" : resp.getFirstHeader("Content-Type").getValue();
            ct = ct.toLowerCase(Locale.ROOT).strip();
            int status = resp.getCode();
            boolean redirect = status >= 300 && status < 400;
            if (!redirect && status < 300 && !acceptType.test(ct)) {
                get.cancel(); // closes the connection: the body is not drained
                throw new FetchException("non-html", "not HTML (" + (ct.isEmpty() ? "no Content-Type" : ct) + ")");
            }
            if (!truncate && entity != null && entity.getContentLength() > maxBytes) {
                get.cancel(); // closes the connection: the body is not drained
                throw new FetchException("too large", "larger than --max-bytes " + maxBytes + " ("
                        + entity.getContentLength() + " bytes)");
            }
            byte[] body = new byte[0];
            boolean truncated = false;
            if (entity != null && !redirect) {
                body = readCapped(entity.getContent(), maxBytes);
                if (body.length > maxBytes) {
                    get.cancel(); // closes the connection: the rest of the body is never read
                    if (!truncate) {
                        throw new FetchException("too large", "larger than --max-bytes " + maxBytes
                                + (entity.getContentEncoding() == null ? "" : " (after " + entity.getContentEncoding()
                                        + " decoding)"));
                    }
                    body = java.util.Arrays.copyOf(body, (int) maxBytes);
                    truncated = true;
                }
            } else if (entity != null) {
                get.cancel(); // a redirect's body is not read (nor drained)
            }
            List<String[]> headers = new ArrayList<>();
            for (Header h : resp.getHeaders()) {
                headers.add(new String[] {h.getName(), h.getValue()});
            }
            return new Response(url, status, resp.getReasonPhrase(), headers, ct, body, remoteAddress(ctx), date,
                    truncated);
        } catch (FetchException e) {
            throw e;
        } catch (MessageConstraintException e) {
            throw new FetchException("header too large", "response head over the limit (" + MAX_HEADER_LINE_BYTES
                    + " bytes a line, " + MAX_HEADER_COUNT + " header lines): " + e.getMessage());
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
            if (resp != null) {
                try {
                    resp.close(); // after a cancel the connection is already gone: nothing is drained
                } catch (IOException | RuntimeException e) {
                    // the response was read (or the request failed) before; closing it cannot change that
                }
            }
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

    /**
     * Reads at most {@code maxBytes + 1} bytes (one more than allowed tells "longer" from "exactly the limit"); the
     * stream is not closed here, because closing drains the rest of the body: the caller cancels the request first.
     */
    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        byte[] buf = new byte[16384];
        long want = maxBytes + 1;
        int n;
        while (out.size() < want && (n = in.read(buf, 0, (int) Math.min(buf.length, want - out.size()))) >= 0) {
            out.write(buf, 0, n);
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
