package io.linkscout.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.linkscout.url.UrlNormalizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads pages from JSON Lines (optionally gzip-compressed): one object per line with
 * <ul>
 * <li>{@code url} (required): absolute http(s) URL of the page;</li>
 * <li>{@code title}, {@code text}: strings;</li>
 * <li>{@code html}: the page's HTML; title, text, links and {@code mailto:} addresses are extracted from it with
 * {@link HtmlExtractor} (an explicit {@code title}/{@code text} wins; links are the given ones followed by the
 * extracted ones; headings and submission forms become the record's {@link PageStructure}, which a page without
 * {@code html} does not have);</li>
 * <li>{@code links}: array of {@code {"url", "anchor", "rel"}} objects or of URL strings, resolved against the page
 * URL and normalised; targets that are not http(s) are dropped and counted as {@code jsonl: invalid link url},
 * {@code mailto:} targets become emails;</li>
 * <li>{@code fetched_at}: ISO-8601 string (kept as given) or epoch seconds.</li>
 * </ul>
 * Other fields are ignored. A line that is not a JSON object, lacks a usable {@code url}, or has a field of the
 * wrong type is reported as a problem ({@code file:line}) and skipped; blank lines are ignored.
 */
public final class JsonlPageReader implements InputReader {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readerFor(JsonNode.class);

    private final HtmlExtractor extractor = new HtmlExtractor();
    private final IngestLimits limits;

    public JsonlPageReader() {
        this(IngestLimits.DEFAULTS);
    }

    public JsonlPageReader(IngestLimits limits) {
        this.limits = limits;
    }

    /** Thrown inside a line to report one problem for it. */
    private static final class LineProblem extends Exception {
        final String field;
        final String hint;

        LineProblem(String field, String message, String hint) {
            super(message, null, false, false);
            this.field = field;
            this.hint = hint;
        }
    }

    @Override
    public void read(Path file, IngestSink sink, IngestReport report) throws IOException {
        String name = IngestFiles.name(file);
        try (InputStream in = IngestFiles.open(file)) {
            // lines are split as bytes and handed to Jackson undecoded: about twice as fast as readLine()
            byte[] buf = new byte[1 << 20];
            int start = 0; // first byte of the current line
            int len = 0; // bytes in buf
            int scan = 0; // where to continue looking for '\n'
            long lineNo = 0;
            boolean eof = false;
            long maxLine = limits.maxLineBytes();
            boolean skipping = false; // inside a line over the limit: its bytes are dropped up to the next '\n'
            while (true) {
                int nl = -1;
                for (int i = scan; i < len; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl < 0) {
                    scan = len;
                    if (!eof) {
                        if (!skipping && len - start > maxLine) {
                            lineNo++;
                            lineTooLong(file, lineNo, maxLine, report);
                            skipping = true;
                        }
                        if (skipping) {
                            start = 0;
                            len = 0;
                            scan = 0;
                        }
                        if (start > 0) {
                            System.arraycopy(buf, start, buf, 0, len - start);
                            len -= start;
                            scan -= start;
                            start = 0;
                        }
                        if (len == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        int n = in.read(buf, len, buf.length - len);
                        if (n < 0) {
                            eof = true;
                        } else {
                            len += n;
                        }
                        continue;
                    }
                    if (start < len && !skipping) {
                        lineNo++;
                        if (len - start > maxLine) {
                            lineTooLong(file, lineNo, maxLine, report);
                        } else {
                            handleLine(buf, start, len, lineNo, name, file, sink, report);
                        }
                    }
                    break;
                }
                if (skipping) {
                    skipping = false; // the end of the long line (counted when it was found too long)
                } else if (nl - start > maxLine) {
                    lineNo++;
                    lineTooLong(file, lineNo, maxLine, report);
                } else {
                    lineNo++;
                    handleLine(buf, start, nl, lineNo, name, file, sink, report);
                }
                start = nl + 1;
                scan = start;
            }
        }
        report.bytesRead(Files.size(file));
    }

    private static void lineTooLong(Path file, long lineNo, long maxLine, IngestReport report) {
        report.problem(file.toString(), String.valueOf(lineNo), "", "line longer than " + maxLine
                + " bytes: skipped (each line holds one page)", "check that the file has one page per line, or raise "
                + IngestLimits.LINE_BYTES_KEY + " (now " + maxLine + ")");
    }

    private void handleLine(byte[] buf, int from, int end, long lineNo, String name, Path file, IngestSink sink,
            IngestReport report) {
        int start = lineNo == 1 && end - from >= 3 && (buf[from] & 0xff) == 0xef && (buf[from + 1] & 0xff) == 0xbb
                && (buf[from + 2] & 0xff) == 0xbf ? from + 3 : from;
        boolean blank = true;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                blank = false;
                break;
            }
        }
        if (blank) {
            return;
        }
        try {
            PageRecord page = parse(buf, start, end - start, name + ":" + lineNo, report);
            sink.page(page);
            report.pageRead();
        } catch (LineProblem p) {
            report.problem(file.toString(), String.valueOf(lineNo), p.field, p.getMessage(), p.hint);
        } catch (RuntimeException e) {
            report.problem(file.toString(), String.valueOf(lineNo), "", "could not read the line: " + e,
                    "please report this as a bug with the line attached");
        }
    }

    /** Parses one line (used by tests). */
    PageRecord parseLine(String line, String source, IngestReport report) throws LineProblem {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, source, report);
    }

    private PageRecord parse(byte[] buf, int off, int len, String source, IngestReport report) throws LineProblem {
        JsonNode node;
        try {
            node = JSON.readTree(buf, off, len);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            if (nl >= 0) {
                msg = msg.substring(0, nl);
            }
            long col = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw new LineProblem("", "invalid JSON" + (col > 0 ? " at column " + col : "") + ": " + msg,
                    "each line must be one complete JSON object");
        } catch (IOException e) {
            throw new LineProblem("", "invalid JSON: " + e.getMessage(), "each line must be one complete JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new LineProblem("", "not a JSON object", "each line must be one JSON object like {\"url\": ...}");
        }
        JsonNode u = node.get("url");
        if (u == null || u.isNull()) {
            throw new LineProblem("url", "missing", "every page needs its absolute http(s) URL");
        }
        if (!u.isTextual()) {
            throw new LineProblem("url", "must be a string, got " + kind(u), "give the page's absolute http(s) URL");
        }
        String url = UrlNormalizer.normalize(u.textValue());
        if (url == null) {
            throw new LineProblem("url", "not an absolute http(s) URL: '" + abbreviate(u.textValue()) + "'",
                    "give the page's absolute http(s) URL");
        }
        String title = string(node, "title");
        String text = string(node, "text");
        String html = string(node, "html");
        String fetchedAt = fetchedAt(node);
        List<Link> links = new ArrayList<>();
        TreeSet<String> emails = new TreeSet<>();
        JsonNode ls = node.get("links");
        if (ls != null && !ls.isNull()) {
            if (!ls.isArray()) {
                throw new LineProblem("links", "must be an array, got " + kind(ls),
                        "give [{\"url\": ..., \"anchor\": ..., \"rel\": ...}] or [\"url\", ...]");
            }
            if (ls.size() > limits.maxLinksPerPage()) {
                throw new LineProblem("links", "more than " + limits.maxLinksPerPage() + " links (" + ls.size() + ")",
                        "raise " + IngestLimits.LINKS_KEY + " (now " + limits.maxLinksPerPage() + ") for such pages");
            }
            for (int i = 0; i < ls.size(); i++) {
                JsonNode l = ls.get(i);
                String href;
                String anchor = "";
                String rel = "";
                if (l.isTextual()) {
                    href = l.textValue();
                } else if (l.isObject()) {
                    JsonNode lu = l.get("url");
                    if (lu == null || !lu.isTextual()) {
                        throw new LineProblem("links[" + i + "].url",
                                lu == null || lu.isNull() ? "missing" : "must be a string, got " + kind(lu),
                                "each link needs a \"url\" string");
                    }
                    href = lu.textValue();
                    anchor = HtmlExtractor.collapse(nestedString(l, "anchor", "links[" + i + "].anchor"));
                    rel = nestedString(l, "rel", "links[" + i + "].rel");
                } else {
                    throw new LineProblem("links[" + i + "]", "must be an object or a string, got " + kind(l),
                            "give {\"url\": ..., \"anchor\": ..., \"rel\": ...} or a URL string");
                }
                if (href.strip().regionMatches(true, 0, "mailto:", 0, 7)) {
                    emails.addAll(HtmlExtractor.mailtoAddresses(href));
                    continue;
                }
                String target = UrlNormalizer.normalize(url, href);
                if (target == null) {
                    report.skipped("jsonl: invalid link url");
                    continue;
                }
                if (!target.equals(url)) {
                    links.add(new Link(target, anchor, rel));
                }
            }
        }
        PageStructure structure = null;
        if (html != null) {
            HtmlExtractor.Extracted ex = extractor.extract(url, html);
            structure = ex.structure();
            if (title == null || title.isBlank()) {
                title = ex.title();
            }
            if (text == null) {
                text = ex.text();
            }
            links.addAll(ex.links());
            emails.addAll(ex.emails());
        }
        List<Link> merged = HtmlExtractor.mergeLinks(links);
        return new PageRecord(url, title == null ? "" : HtmlExtractor.collapse(title), normaliseText(text),
                merged, new ArrayList<>(emails), fetchedAt, source, ContactExtractor.contactUrls(url, merged),
                ContactExtractor.socialProfiles(merged), structure);
    }

    private static String string(JsonNode node, String field) throws LineProblem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new LineProblem(field, "must be a string, got " + kind(v), null);
        }
        return v.textValue();
    }

    private static String nestedString(JsonNode node, String field, String path) throws LineProblem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new LineProblem(path, "must be a string, got " + kind(v), null);
        }
        return v.textValue();
    }

    private static String fetchedAt(JsonNode node) throws LineProblem {
        JsonNode v = node.get("fetched_at");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue().isBlank() ? null : v.textValue().strip();
        }
        if (v.isNumber()) {
            return Instant.ofEpochSecond(v.longValue()).toString();
        }
        throw new LineProblem("fetched_at", "must be an ISO-8601 string or epoch seconds, got " + kind(v), null);
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /**
     * Collapses whitespace within lines (including non-breaking spaces), trims lines and drops empty ones, so text
     * is "paragraphs separated by {@code \n}".
     */
    static String normaliseText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean pendingSpace = false;
        boolean pendingNewline = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                if (!sb.isEmpty()) {
                    pendingNewline = true;
                }
                pendingSpace = false;
            } else if (c == ' ' || c == '\t' || c == '\u00a0' || c == '\f' || c == '\u000b'
                    || c > 0x7f && Character.isWhitespace(c)) {
                if (!sb.isEmpty() && !pendingNewline) {
                    pendingSpace = true;
                }
            } else {
                if (pendingNewline) {
                    sb.append('\n');
                    pendingNewline = false;
                } else if (pendingSpace) {
                    sb.append(' ');
                }
                pendingSpace = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
