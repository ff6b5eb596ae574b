package io.linkscout.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.url.UrlNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Reads WARC, WAT, WET and ARC files (gzip-compressed or not) with jwarc.
 *
 * <ul>
 * <li>{@code response} records (and ARC records) with an HTTP 2xx status and an HTML payload, and {@code resource}
 * records with an HTML content type, become pages through {@link HtmlExtractor}. The HTTP body is de-chunked and
 * decoded ({@code Content-Encoding} gzip/deflate/br) by jwarc; the charset comes from the HTTP
 * {@code Content-Type}, else a {@code <meta charset>} in the first 4 KB, else UTF-8, falling back to
 * windows-1252 when the bytes are not valid UTF-8.</li>
 * <li>WAT {@code metadata} records of HTML responses become pages with the title and the outlinks ({@code A@/href}
 * and {@code AREA@/href} entries of {@code HTML-Metadata.Links}, anchor from {@code text}) and no text; their
 * source ends in {@code (wat)}.</li>
 * <li>WET {@code conversion} records become pages with text only.</li>
 * <li>Everything else is counted as skipped by reason: {@code warc: warcinfo}, {@code warc: request},
 * {@code warc: revisit}, {@code warc: metadata}, {@code warc: non-http(s) url} (dns:, metadata:, file:),
 * {@code warc: non-2xx status}, {@code warc: not html}, {@code warc: unparsable http}, {@code warc: wat without
 * html}, ...</li>
 * </ul>
 * A page's {@code fetchedAt} is the WARC-Date (ISO-8601; for WAT that of the captured response, from the envelope),
 * its {@code source} {@code file@offset} (offset of the record, or of its gzip member). When the file is truncated or malformed, the records read before the damage stay
 * with the sink and one problem {@code file@offset: what went wrong (hint)} is reported. Bodies larger than
 * {@value #MAX_BODY} bytes are cut.
 */
public final class WarcInputReader implements InputReader {

    /** Largest body read per record; the rest is ignored. */
    public static final int MAX_BODY = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);

    private final HtmlExtractor extractor = new HtmlExtractor();

    @Override
    public void read(Path file, IngestSink sink, IngestReport report) throws IOException {
        String name = IngestFiles.name(file);
        String where = file.toString();
        // an InputStream rather than a file channel: with a channel jwarc 0.36 re-reads buffered bytes after a
        // record with a wrong Content-Length and returns records twice
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            report.problem(where, "", "", "cannot read the file: " + message(e), "check that it exists and is readable");
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            WarcReader reader;
            try {
                reader = new WarcReader(in);
            } catch (IOException | RuntimeException e) {
                report.problem(where, "@0", "", "not a WARC or ARC file: " + message(e),
                        "expected WARC/1.x or ARC records, optionally gzip-compressed");
                return;
            }
            try (reader) {
                long records = 0;
                while (true) {
                    long pos = reader.position();
                    Optional<WarcRecord> next;
                    try {
                        next = reader.next();
                    } catch (IOException | RuntimeException e) {
                        report.problem(where, "@" + pos, "", (records == 0 ? "cannot read the first record: "
                                : "cannot read the record after " + records + " good ones: ") + message(e),
                                "the file is truncated or malformed; " + (records == 0
                                        ? "nothing was read from it"
                                        : "the records before this offset were kept"));
                        return;
                    }
                    if (next.isEmpty()) {
                        break;
                    }
                    records++;
                    WarcRecord rec = next.get();
                    if (reader.compression() == org.netpreserve.jwarc.WarcCompression.NONE
                            && rec.position() >= size) {
                        // jwarc lost the record boundaries (a Content-Length that does not match the record)
                        report.problem(where, "@" + pos, "", "malformed record: its Content-Length does not match "
                                + "its content, so the next record cannot be found",
                                "the file is malformed; the records before this offset were kept");
                        return;
                    }
                    try {
                        handle(rec, name, sink, report);
                    } catch (IOException | RuntimeException e) {
                        // the type header itself may be what is missing (jwarc's type() then throws)
                        String type = rec.headers().first("WARC-Type").orElse("untyped");
                        report.problem(where, "@" + rec.position(), "", "cannot read the " + type
                                + " record: " + message(e), "the file is truncated or malformed");
                        return;
                    }
                }
            }
        } catch (IOException e) {
            report.problem(where, "", "", "cannot read the file: " + message(e), "check that it exists and is readable");
            return;
        }
        report.bytesRead(size);
    }

    private void handle(WarcRecord rec, String name, IngestSink sink, IngestReport report) throws IOException {
        String source = name + "@" + rec.position();
        String fetchedAt = rec.date() == null ? null : rec.date().toString();
        switch (rec) {
            case WarcResponse resp -> {
                String url = UrlNormalizer.normalize(resp.target());
                if (url == null) {
                    report.skipped("warc: non-http(s) url");
                    return;
                }
                HttpResponse http;
                try {
                    http = resp.http();
                } catch (IOException | RuntimeException e) {
                    report.skipped("warc: unparsable http");
                    return;
                }
                if (http.status() < 200 || http.status() > 299) {
                    report.skipped("warc: non-2xx status");
                    return;
                }
                MediaType type = http.contentType();
                byte[] bytes = httpBody(http);
                if (!isHtml(type, bytes)) {
                    report.skipped("warc: not html");
                    return;
                }
                emitHtml(url, decode(bytes, type), fetchedAt, source, sink, report);
            }
            case WarcResource res -> {
                String url = UrlNormalizer.normalize(res.target());
                if (url == null) {
                    report.skipped("warc: non-http(s) url");
                    return;
                }
                MediaType type = res.contentType();
                byte[] bytes = readSalvaging(res.body());
                if (!isHtml(type, bytes)) {
                    report.skipped("warc: not html");
                    return;
                }
                emitHtml(url, decode(bytes, type), fetchedAt, source, sink, report);
            }
            case WarcMetadata meta -> {
                MediaType type = meta.contentType();
                if (type == null || !type.base().equals(MediaType.JSON)) {
                    report.skipped("warc: metadata");
                    return;
                }
                wat(meta, readSalvaging(meta.body()), fetchedAt, source, sink, report);
            }
            case WarcConversion conv -> {
                String url = UrlNormalizer.normalize(conv.target());
                MediaType type = conv.contentType();
                if (url == null) {
                    report.skipped("warc: non-http(s) url");
                    return;
                }
                if (type != null && !type.base().equals(MediaType.PLAIN_TEXT)) {
                    report.skipped("warc: conversion not text/plain");
                    return;
                }
                String text = decode(readSalvaging(conv.body()), type);
                sink.page(new PageRecord(url, "", JsonlPageReader.normaliseText(text), List.of(), List.of(),
                        fetchedAt, source + " (wet)"));
                report.pageRead();
            }
            default -> report.skipped("warc: " + rec.type());
        }
    }

    private void emitHtml(String url, String html, String fetchedAt, String source, IngestSink sink,
            IngestReport report) {
        HtmlExtractor.Extracted ex = extractor.extract(url, html);
        sink.page(pageOf(url, ex, fetchedAt, source));
        report.pageRead();
    }

    /** The page record of an extracted HTML page (shared with the crawler so both give the same records). */
    public static PageRecord pageOf(String url, HtmlExtractor.Extracted ex, String fetchedAt, String source) {
        return new PageRecord(url, ex.title(), ex.text(), ex.links(), ex.emails(), fetchedAt, source,
                ex.contactUrls(), ex.social(), ex.structure());
    }

    private void wat(WarcMetadata meta, byte[] bytes, String fetchedAt, String source, IngestSink sink,
            IngestReport report) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            report.skipped("warc: wat unparsable json");
            return;
        }
        JsonNode env = root.path("Envelope");
        JsonNode resp = env.path("Payload-Metadata").path("HTTP-Response-Metadata");
        JsonNode htmlMeta = resp.path("HTML-Metadata");
        if (htmlMeta.isMissingNode()) {
            report.skipped("warc: wat without html");
            return;
        }
        String status = resp.path("Response-Message").path("Status").asText("");
        if (!status.isEmpty() && !status.startsWith("2")) {
            report.skipped("warc: non-2xx status");
            return;
        }
        String target = env.path("WARC-Header-Metadata").path("WARC-Target-URI").asText(meta.target());
        // the metadata record's own WARC-Date is when the WAT was extracted; the capture date is the response's
        String captured = env.path("WARC-Header-Metadata").path("WARC-Date").asText("");
        try {
            fetchedAt = java.time.Instant.parse(captured).toString();
        } catch (java.time.format.DateTimeParseException e) {
            // keep the metadata record's date
        }
        String url = UrlNormalizer.normalize(target);
        if (url == null) {
            report.skipped("warc: non-http(s) url");
            return;
        }
        String title = HtmlExtractor.collapse(htmlMeta.path("Head").path("Title").asText(""));
        String base = url;
        JsonNode b = htmlMeta.path("Head").path("Base");
        if (b.isTextual()) {
            String nb = UrlNormalizer.normalize(url, b.asText());
            if (nb != null) {
                base = nb;
            }
        }
        List<Link> links = new ArrayList<>();
        TreeSet<String> emails = new TreeSet<>();
        for (JsonNode l : htmlMeta.path("Links")) {
            String path = l.path("path").asText("");
            if (!path.equals("A@/href") && !path.equals("AREA@/href")) {
                continue;
            }
            String href = l.path("url").asText("");
            if (href.strip().regionMatches(true, 0, "mailto:", 0, 7)) {
                emails.addAll(HtmlExtractor.mailtoAddresses(href));
                continue;
            }
            String u = UrlNormalizer.normalize(base, href);
            if (u == null || u.equals(url)) {
                continue;
            }
            String anchor = HtmlExtractor.collapse(l.path("text").asText(""));
            if (anchor.isEmpty()) {
                anchor = HtmlExtractor.collapse(l.path("alt").asText(l.path("title").asText("")));
            }
            links.add(new Link(u, anchor, l.path("rel").asText("")));
        }
        sink.page(new PageRecord(url, title, "", HtmlExtractor.mergeLinks(links), new ArrayList<>(emails), fetchedAt,
                source + " (wat)"));
        report.pageRead();
    }

    /**
     * The de-chunked, decoded HTTP body. When jwarc's decoder fails on a damaged body (e.g. a truncated gzip
     * stream), the raw body is inflated here as far as it goes.
     */
    private static byte[] httpBody(HttpResponse http) throws IOException {
        String encoding = http.headers().first("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return readSalvaging(http.body());
        }
        boolean chunked = http.headers().first("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT)
                .contains("chunked");
        boolean zlib = encoding.equals("gzip") || encoding.equals("x-gzip") || encoding.equals("deflate");
        if (chunked || !zlib) {
            try {
                return readSalvaging(http.bodyDecoded());
            } catch (IOException | RuntimeException e) {
                return readSalvaging(http.body());
            }
        }
        // inflate here rather than with jwarc, so that a truncated stream yields what could be inflated
        byte[] raw = readSalvaging(http.body());
        byte[] out = inflate(raw, !encoding.equals("deflate"), false);
        if (out.length == 0 && encoding.equals("deflate")) {
            out = inflate(raw, false, true); // raw deflate without zlib header, as some servers send
        }
        return out;
    }

    private static byte[] inflate(byte[] raw, boolean gzip, boolean nowrap) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4 + 16);
        try (InputStream in = gzip
                ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))
                : new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(raw),
                        new java.util.zip.Inflater(nowrap))) {
            byte[] buf = new byte[8192];
            int n;
            while (out.size() < MAX_BODY && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // truncated or corrupt: keep what was inflated
        }
        return out.toByteArray();
    }

    /** Reads up to {@link #MAX_BODY} bytes; a body cut short by a damaged file yields what could be read. */
    private static byte[] readSalvaging(MessageBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        try (InputStream in = body.stream()) {
            int n;
            while (out.size() < MAX_BODY && (n = in.read(buf, 0, Math.min(buf.length, MAX_BODY - out.size()))) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // truncated or badly encoded body: keep what was decoded so far
        }
        return out.toByteArray();
    }

    public static boolean isHtml(MediaType type, byte[] body) {
        if (type != null && !type.type().isEmpty()) {
            String t = type.type() + "/" + type.subtype();
            t = t.toLowerCase(Locale.ROOT);
            if (t.equals("text/html") || t.equals("application/xhtml+xml")) {
                return true;
            }
            if (!t.equals("application/octet-stream") && !t.equals("text/plain") && !t.equals("unknown/unknown")) {
                return false;
            }
        }
        // no or generic content type: sniff
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head");
    }

    /** Decodes a body: charset of the content type, else a meta charset, else UTF-8, else windows-1252. */
    public static String decode(byte[] bytes, MediaType type) {
        // a byte-order mark wins over any declared charset (WHATWG "decode"), so a lying header cannot garble it
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        boolean utf8Bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf;
        Charset cs = null;
        if (type != null && !utf8Bom) {
            cs = charset(type.parameters().get("charset"));
        }
        if (cs == null && !utf8Bom) {
            String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            if (m.find()) {
                cs = charset(m.group(1));
                if (cs != null && cs.name().startsWith("UTF-16")) {
                    cs = StandardCharsets.UTF_8; // a page that could declare it in ASCII is not UTF-16 (WHATWG)
                }
            }
        }
        if (cs != null && !cs.equals(StandardCharsets.UTF_8)) {
            return new String(bytes, cs);
        }
        int start = utf8Bom ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().replace("\"", "").replace("'", "");
        if (n.equalsIgnoreCase("iso-8859-1") || n.equalsIgnoreCase("latin1") || n.equalsIgnoreCase("us-ascii")
                || n.equalsIgnoreCase("ascii")) {
            // as browsers do (WHATWG encoding standard)
            return Charset.forName("windows-1252");
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String message(Throwable e) {
        String m = e instanceof org.netpreserve.jwarc.ParsingException pe ? pe.getBaseMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ');
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }
}
