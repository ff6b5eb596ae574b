package io.linkscout.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * JSON over HTTP to an OpenSearch cluster, through OpenSearch's low-level REST client (Apache HttpClient 5; it
 * spreads requests over every node given and retries another node when one does not answer). Every failure is a
 * {@link UserException} that names the cluster, the request and OpenSearch's reason.
 */
public final class OpenSearchHttp implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The longest one request may wait for its answer. */
    static final int RESPONSE_TIMEOUT_SECONDS = 180;

    private final String urls;
    private final RestClient client;

    /** @param urls one or more node URLs, comma-separated ({@code http://host:9200,http://host2:9200}) */
    public OpenSearchHttp(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new UserException("no OpenSearch URL: give --opensearch-url http://host:9200 (or set "
                    + "linkscout.opensearch.url)");
        }
        List<HttpHost> hosts = new ArrayList<>();
        for (String u : urls.split(",")) {
            String s = u.trim();
            try {
                URI uri = URI.create(s);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
                        || uri.getPort() < 0) {
                    throw new IllegalArgumentException("scheme, host and port needed");
                }
                hosts.add(new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()));
            } catch (IllegalArgumentException e) {
                throw new UserException("bad OpenSearch URL '" + s + "' in --opensearch-url / linkscout.opensearch.url:"
                        + " write it as http://host:9200 (several: comma-separated)");
            }
        }
        this.urls = urls.trim();
        // a bulk request, or a health wait with its own 120 s timeout, may take longer than the client's default 30 s
        this.client = RestClient.builder(hosts.toArray(HttpHost[]::new))
                .setRequestConfigCallback(b -> b.setResponseTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(
                        RESPONSE_TIMEOUT_SECONDS)))
                .build();
    }

    public String urls() {
        return urls;
    }

    /** A request with a JSON body (null: none) and query parameters; the parsed JSON answer. */
    public JsonNode call(String method, String path, Object body, Map<String, String> params) {
        Request r = new Request(method, path);
        r.addParameters(params);
        if (body != null) {
            try {
                byte[] b = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
                r.setEntity(new ByteArrayEntity(b, path.endsWith("_bulk") ? ContentType.create("application/x-ndjson",
                        StandardCharsets.UTF_8) : ContentType.APPLICATION_JSON));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Response resp = client.performRequest(r);
            byte[] b = resp.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(resp.getEntity());
            return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new UserException("OpenSearch at " + urls + " answered " + status + " to " + method + " " + path
                    + ": " + reason(e.getResponse()), status == 404 ? 404 : 502);
        } catch (ConnectException e) {
            throw new UserException("OpenSearch at " + urls + " is not reachable (" + e.getMessage() + "): start the "
                    + "cluster (linkscout opensearch-dev for a local one) or fix --opensearch-url", 503);
        } catch (IOException e) {
            throw new UserException("OpenSearch at " + urls + " failed on " + method + " " + path + ": " + e, 503);
        }
    }

    public JsonNode call(String method, String path, Object body) {
        return call(method, path, body, Map.of());
    }

    /** Whether {@code HEAD path} finds something (an index or alias). */
    public boolean exists(String path) {
        try {
            return client.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw new UserException("OpenSearch at " + urls + " answered "
                    + e.getResponse().getStatusLine().getStatusCode() + " to HEAD " + path, 502);
        } catch (IOException e) {
            throw new UserException("OpenSearch at " + urls + " is not reachable (" + e.getMessage() + "): start the "
                    + "cluster (linkscout opensearch-dev for a local one) or fix --opensearch-url", 503);
        }
    }

    /** OpenSearch's error reason (the root cause's type and reason), else the body's start. */
    private static String reason(Response resp) {
        try {
            String body = resp.getEntity() == null ? "" : EntityUtils.toString(resp.getEntity());
            try {
                JsonNode n = JSON.readTree(body);
                JsonNode err = n.path("error");
                JsonNode root = err.path("root_cause").path(0);
                JsonNode e = root.isMissingNode() ? err : root;
                if (e.has("reason")) {
                    return e.path("type").asText() + ": " + e.path("reason").asText();
                }
            } catch (IOException notJson) {
                // fall through
            }
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        } catch (IOException | org.apache.hc.core5.http.ParseException e) {
            return "(no readable reason)";
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
