package io.linkscout.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.linkscout.url.UrlNormalizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
        try (Lines lines = new Lines(file, name, sink, report)) {
            read(file, lines);
        }
        report.bytesRead(Files.size(file));
    }

    private void read(Path file, Lines lines) throws IOException {
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
                            lines.tooLong(lineNo, maxLine);
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
                            lines.tooLong(lineNo, maxLine);
                        } else {
                            lines.line(buf, start, len, lineNo);
                        }
                    }
                    break;
                }
                if (skipping) {
                    skipping = false; // the end of the long line (counted when it was found too long)
                } else if (nl - start > maxLine) {
                    lineNo++;
                    lines.tooLong(lineNo, maxLine);
                } else {
                    lineNo++;
                    lines.line(buf, start, nl, lineNo);
                }
                start = nl + 1;
                scan = start;
            }
        } catch (IOException | RuntimeException e) {
            // what was read before the failure reaches the sink, as when lines were parsed one by one
            try {
                lines.finish();
            } catch (IOException | RuntimeException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
        lines.finish();
    }

    private static void lineTooLong(Path file, long lineNo, long maxLine, IngestReport report) {
        report.problem(file.toString(), String.valueOf(lineNo), "", "line longer than " + maxLine
                + " bytes: skipped (each line holds one page)", "check that the file has one page per line, or raise "
                + IngestLimits.LINE_BYTES_KEY + " (now " + maxLine + ")");
    }

    /** Lines handed to the parsing threads at a time (and at most this many bytes, unless one line is longer). */
    private static final int BATCH_LINES = 64;
    private static final int BATCH_BYTES = 1 << 20;

    /**
     * The threads that parse lines (JSON, URL normalisation, contacts): one per core for the file being read, or
     * none on a single core. Parsing is most of the reading's CPU and lines are independent, so an ingest reads on
     * every core; the outcomes are handed to the sink in line order, on the reading thread. The pool ends with the
     * file ({@link Lines#close()}): a pool kept in a static field would keep its threads, and through them this
     * class's loader with every model it loaded, alive for the life of the JVM (one per application restart in a
     * test JVM or a dev-mode reload).
     */
    private static ExecutorService newParsers(String name, List<Thread> threads) {
        int n = Runtime.getRuntime().availableProcessors();
        if (n < 2) {
            return null;
        }
        AtomicInteger k = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "linkscout-jsonl-" + k.getAndIncrement() + " " + name);
            t.setDaemon(true);
            synchronized (threads) {
                threads.add(t);
            }
            return t;
        });
    }

    /** What parsing one line gave: a page, or a problem ({@code field}, {@code message}, {@code hint}). */
    private record Outcome(long lineNo, PageRecord page, String field, String message, String hint,
            int skippedLinks) {
    }

    /**
     * The lines of one file on their way to the sink: parsed in batches on its own {@link #newParsers pool} (at most two batches
     * per thread in flight), delivered in line order — pages, problems and skip counts exactly as one thread gives
     * them.
     */
    private final class Lines implements AutoCloseable {
        private final Path file;
        private final String name;
        private final IngestSink sink;
        private final IngestReport report;
        private final ExecutorService pool;
        private final List<Thread> threads = new ArrayList<>();
        private final int maxInFlight = 2 * Runtime.getRuntime().availableProcessors();
        private final ArrayDeque<Future<List<Outcome>>> inFlight = new ArrayDeque<>();
        private List<byte[]> batch = new ArrayList<>();
        private List<Long> numbers = new ArrayList<>();
        private long batchBytes;

        Lines(Path file, String name, IngestSink sink, IngestReport report) {
            this.file = file;
            this.name = name;
            this.sink = sink;
            this.report = report;
            this.pool = newParsers(name, threads);
        }

        /** Ends the parsing threads (after {@link #finish()}, or abandoning what is still in flight). */
        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            pool.shutdownNow(); // nothing is in flight after finish(); an abandoned batch is interrupted
            List<Thread> started;
            synchronized (threads) {
                started = List.copyOf(threads);
            }
            try {
                for (Thread t : started) {
                    t.join(); // gone when read returns
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void line(byte[] buf, int from, int end, long lineNo) throws IOException {
            int start = lineNo == 1 && end - from >= 3 && (buf[from] & 0xff) == 0xef
                    && (buf[from + 1] & 0xff) == 0xbb && (buf[from + 2] & 0xff) == 0xbf ? from + 3 : from;
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
            if (pool == null) {
                deliver(outcome(Arrays.copyOfRange(buf, start, end), lineNo));
                return;
            }
            batch.add(Arrays.copyOfRange(buf, start, end));
            numbers.add(lineNo);
            batchBytes += end - start;
            if (batch.size() >= BATCH_LINES || batchBytes >= BATCH_BYTES) {
                submit();
            }
        }

        /** A line over the size limit: reported after every line before it. */
        void tooLong(long lineNo, long maxLine) throws IOException {
            submit();
            drain(0);
            lineTooLong(file, lineNo, maxLine, report);
        }

        void finish() throws IOException {
            submit();
            drain(0);
        }

        private void submit() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            List<byte[]> b = batch;
            List<Long> n = numbers;
            batch = new ArrayList<>();
            numbers = new ArrayList<>();
            batchBytes = 0;
            inFlight.add(pool.submit(() -> {
                List<Outcome> out = new ArrayList<>(b.size());
                for (int i = 0; i < b.size(); i++) {
                    out.add(outcome(b.get(i), n.get(i)));
                }
                return out;
            }));
            drain(maxInFlight);
        }

        /** Delivers the oldest batches until at most {@code keep} are in flight. */
        private void drain(int keep) throws IOException {
            while (inFlight.size() > keep) {
                List<Outcome> out;
                try {
                    out = inFlight.poll().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading " + file);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IOException("reading " + file + " failed: " + e.getCause(), e.getCause());
                }
                for (Outcome o : out) {
                    deliver(o);
                }
            }
        }

        private Outcome outcome(byte[] line, long lineNo) {
            int[] skipped = new int[1];
            try {
                return new Outcome(lineNo, parse(line, 0, line.length, name + ":" + lineNo, skipped), null, null,
                        null, skipped[0]);
            } catch (LineProblem p) {
                return new Outcome(lineNo, null, p.field, p.getMessage(), p.hint, skipped[0]);
            } catch (RuntimeException e) {
                return new Outcome(lineNo, null, "", "could not read the line: " + e,
                        "please report this as a bug with the line attached", skipped[0]);
            }
        }

        private void deliver(Outcome o) {
            for (int i = 0; i < o.skippedLinks(); i++) {
                report.skipped(INVALID_LINK);
            }
            if (o.page() == null) {
                report.problem(file.toString(), String.valueOf(o.lineNo()), o.field(), o.message(), o.hint());
                return;
            }
            try {
                sink.page(o.page());
                report.pageRead();
            } catch (RuntimeException e) {
                report.problem(file.toString(), String.valueOf(o.lineNo()), "", "could not read the line: " + e,
                        "please report this as a bug with the line attached");
            }
        }
    }

    private static final String INVALID_LINK = "jsonl: invalid link url";

    /** Parses one line (used by tests). */
    PageRecord parseLine(String line, String source, IngestReport report) throws LineProblem {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int[] skipped = new int[1];
        try {
            return parse(b, 0, b.length, source, skipped);
        } finally {
            for (int i = 0; i < skipped[0]; i++) {
                report.skipped(INVALID_LINK);
            }
        }
    }

    /** Parses one line; {@code skipped[0]} counts the links dropped for an invalid URL. */
    private PageRecord parse(byte[] buf, int off, int len, String source, int[] skipped) throws LineProblem {
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
                    skipped[0]++;
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
            if (lineBreak(c)) {
                if (!sb.isEmpty()) {
                    pendingNewline = true;
                }
                pendingSpace = false;
            } else if (space(c)) {
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
                // the run of ordinary characters from here, appended at once (one copy, not one call a character)
                int end = i + 1;
                while (end < n && ordinary(text.charAt(end))) {
                    end++;
                }
                sb.append(text, i, end);
                i = end - 1;
            }
        }
        return sb.toString();
    }

    /** A line break: LF, CR, the line and the paragraph separator. */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    /** Whitespace within a line (non-breaking spaces included). */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\f' || c == '\u000b'
                || c > 0x7f && Character.isWhitespace(c);
    }

    /** Neither a line break nor whitespace (printable ASCII decided at once). */
    private static boolean ordinary(char c) {
        return c > ' ' && c < 0x7f || !lineBreak(c) && !space(c);
    }
}
