package io.linkscout.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REST fuzzing generated from the OpenAPI document ({@code /q/openapi?format=json}): for every operation under
 * {@code /api}, seeded random path and query parameters and random or malformed bodies (the schema's own field names
 * with values of any type, broken JSON, wrong content types), authenticated as the admin "api" and anonymous. Never a
 * 5xx, never a stack trace in a body, and every 4xx is JSON with a message. Seed {@value #SEED}; each operation gets
 * its own {@code Random(SEED + index)}, so a failure names the seed, the operation and the request to replay.
 */
@QuarkusTest
@TestProfile(FixtureIndexProfile.class)
class RestFuzzTest {

    static final long SEED = 17101;
    static final int AUTHENTICATED_TRIES = 6;
    static final int ANONYMOUS_TRIES = 2;

    record Param(String name, String in) {
    }

    record Op(String method, String path, List<Param> params, List<String> bodyFields, String contentType) {
    }

    @BeforeEach
    void auth() {
        TestAuth.anonymous();
    }

    @AfterEach
    void reset() {
        TestAuth.anonymous();
    }

    @SuppressWarnings("unchecked")
    static List<Op> operations() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Map<String, Object> schemas = doc.getMap("components.schemas");
        List<Op> ops = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (!path.startsWith("/api")) {
                return;
            }
            methods.forEach((m, o) -> {
                if (!List.of("get", "post", "put", "patch", "delete").contains(m)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) o;
                List<Param> params = new ArrayList<>();
                for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                    Map<String, Object> pm = (Map<String, Object>) p;
                    params.add(new Param((String) pm.get("name"), (String) pm.get("in")));
                }
                List<String> fields = new ArrayList<>();
                String ct = null;
                Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
                if (body != null) {
                    Map<String, Object> content = (Map<String, Object>) body.get("content");
                    ct = content.keySet().iterator().next();
                    Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get(ct))
                            .get("schema");
                    Object ref = schema == null ? null : schema.get("$ref");
                    if (ref != null) {
                        Map<String, Object> s = (Map<String, Object>) schemas.get(ref.toString()
                                .substring(ref.toString().lastIndexOf('/') + 1));
                        if (s != null && s.get("properties") instanceof Map<?, ?> props) {
                            props.keySet().forEach(k -> fields.add(k.toString()));
                        }
                    }
                }
                ops.add(new Op(m.toUpperCase(), path, params, fields, ct));
            });
        });
        return ops;
    }

    static final String[] STRINGS = {"", " ", "0", "-1", "1", "2", "999999999999999999999", "1.5", "-0.0", "NaN",
        "null", "true", "example.com", "https://example.com/a?b=c", "oceanwatch.org", "NEW", "QUALIFIED", "WON",
        "page", "site", "json", "csv", "../../etc/passwd", "%00", "%zz", "a\u0000b", "ünïcödé ☃ 𝄞", "<script>x</script>",
        "' OR 1=1 --", "-score", "id,domain", "ALREADY_LINKING", "admin", "viewer", "x".repeat(300),
        "y".repeat(5000)};

    static String randomString(Random r) {
        if (r.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append((char) (r.nextInt(3) == 0 ? r.nextInt(0x3000) : 32 + r.nextInt(95)));
            }
            return sb.toString();
        }
        return STRINGS[r.nextInt(STRINGS.length)];
    }

    static Object randomValue(Random r, int depth) {
        switch (r.nextInt(depth > 1 ? 6 : 8)) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextInt(5) == 0 ? Long.MAX_VALUE : r.nextInt(2001) - 1000;
            case 3:
                return r.nextDouble() * 1e6 - 5e5;
            case 4, 5:
                return randomString(r);
            case 6: {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(randomString(r), randomValue(r, depth + 1));
                return m;
            }
        }
    }

    static String randomBody(Random r, Op op) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            String[] broken = {"{", "}", "[1,2", "{\"a\":}", "null", "[]", "\"str\"", "12", "{\"content\": \"x\"",
                "\u0000\u0001", "{\"content\": \"x\"}}", "domain\n\"unterminated"};
            return broken[r.nextInt(broken.length)];
        }
        if (kind == 1) {
            return "{}";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : op.bodyFields()) {
            if (r.nextInt(3) > 0) {
                m.put(f, randomValue(r, 0));
            }
        }
        if (kind == 2) {
            m.put(randomString(r), randomValue(r, 0));
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noOperationAnswers5xxOrAStackTraceAndEvery4xxIsJsonWithAMessage() {
        List<Op> ops = operations();
        assertTrue(ops.size() > 30, "the OpenAPI document lists the API: " + ops.size());
        String admin = TestAuth.as("api");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Random r = new Random(SEED + i);
            for (int t = 0; t < AUTHENTICATED_TRIES + ANONYMOUS_TRIES; t++) {
                boolean anonymous = t >= AUTHENTICATED_TRIES;
                RequestSpecification s = given().redirects().follow(false).urlEncodingEnabled(false);
                if (!anonymous) {
                    s = s.header("Authorization", admin);
                }
                String path = op.path();
                StringBuilder desc = new StringBuilder();
                for (Param p : op.params()) {
                    String v = randomString(r);
                    if ("path".equals(p.in())) {
                        if (v.isEmpty() || v.isBlank() || v.contains("/") || v.length() > 1000) {
                            v = r.nextBoolean() ? "1" : "example.com";
                        }
                        path = path.replace("{" + p.name() + "}", encode(v));
                        desc.append(' ').append(p.name()).append('=').append(abbrev(v));
                    } else if ("query".equals(p.in()) && r.nextBoolean()) {
                        s = s.queryParam(p.name(), encode(v));
                        desc.append(" ?").append(p.name()).append('=').append(abbrev(v));
                    } else if ("header".equals(p.in()) && r.nextInt(3) == 0) {
                        s = s.header(p.name(), v.replaceAll("[\\x00-\\x1f\\x7f-\\uffff]", "x"));
                        desc.append(" header ").append(p.name()).append('=').append(abbrev(v));
                    }
                }
                if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                    String body = randomBody(r, op);
                    String ct = op.contentType() == null || r.nextInt(8) == 0
                            ? (r.nextBoolean() ? "text/plain" : "application/json") : op.contentType();
                    s = s.contentType(ct).body(body);
                    desc.append(" [").append(ct).append("] ").append(abbrev(body));
                }
                Response res = s.request(op.method(), path);
                requests++;
                String problem = check(res);
                if (problem != null) {
                    failures.add("seed " + (SEED + i) + " try " + t + (anonymous ? " anonymous " : " admin ")
                            + op.method() + " " + path + desc + " -> " + problem);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests + " requests broke a rule:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
    }

    /** Percent-encoded as a path segment or query value (RestAssured's own encoding is off: it reads braces). */
    static String encode(String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbrev(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
    }

    static String check(Response res) {
        int st = res.statusCode();
        String body = res.asString();
        if (st >= 500) {
            return st + " " + abbrev(body);
        }
        if (body.contains("\tat ") || body.matches("(?s).*\\.java:\\d+\\).*")) {
            return st + " with a stack trace: " + abbrev(body);
        }
        if (st == 414) {
            return null; // the request line over quarkus.http.limits.max-initial-line-length: refused by the HTTP layer
        }
        if (st >= 400) {
            String ct = res.contentType() == null ? "" : res.contentType();
            if (!ct.startsWith("application/json")) {
                return st + " not JSON (" + ct + "): " + abbrev(body);
            }
            String m;
            try {
                m = res.jsonPath().getString("message");
            } catch (RuntimeException e) {
                return st + " unreadable JSON: " + abbrev(body);
            }
            if (m == null || m.isBlank()) {
                return st + " without a message: " + abbrev(body);
            }
        }
        return null;
    }
}
