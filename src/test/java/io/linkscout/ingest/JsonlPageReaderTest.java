package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlPageReaderTest {

    @TempDir
    Path dir;

    private static final String LINES = String.join("\n",
            "{\"url\": \"HTTPS://Example.com/a?utm_source=x#top\", \"title\": \"  A  page \", \"text\": \"one  two\\n\\n three \","
                    + " \"links\": [{\"url\": \"/b\", \"anchor\": \" Bee \", \"rel\": \"nofollow\"}, \"https://other.example/c\","
                    + " {\"url\": \"javascript:x()\"}, {\"url\": \"mailto:Me@Example.com\"}, {\"url\": \"/b\", \"anchor\": \"again\"}],"
                    + " \"fetched_at\": \"2024-05-01T10:00:00Z\"}",
            "{\"url\": \"https://example.com/broken\", ",
            "",
            "{\"title\": \"no url\"}",
            "{\"url\": \"https://example.com/h\", \"html\": \"<title>From HTML</title><p>Body <a href='/x'>ex</a></p>\","
                    + " \"links\": [\"/given\"], \"fetched_at\": 1700000000}",
            "{\"url\": 42}",
            "{\"url\": \"ftp://example.com/\"}",
            "{\"url\": \"https://example.com/t\", \"title\": [\"x\"]}",
            "[1, 2]",
            "{\"url\": \"https://example.com/l\", \"links\": [{\"url\": \"/ok\"}, 7]}") + "\n";

    private void check(Path file) throws IOException {
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new JsonlPageReader().read(file, sink, report);
        String name = file.getFileName().toString();
        assertEquals(List.of(
                new PageRecord("https://example.com/a", "A page", "one two\nthree",
                        List.of(new Link("https://example.com/b", "again", ""), Link.of("https://other.example/c")),
                        List.of("me@example.com"), "2024-05-01T10:00:00Z", name + ":1"),
                // from HTML: has a structure, empty here (no headings, no forms); the text page above has none
                new PageRecord("https://example.com/h", "From HTML", "Body ex",
                        List.of(Link.of("https://example.com/given"), new Link("https://example.com/x", "ex", "")),
                        List.of(), "2023-11-14T22:13:20Z", name + ":5", List.of(), List.of(), PageStructure.EMPTY)),
                sink.pages);
        assertEquals(java.util.Map.of("jsonl: invalid link url", 1L), report.skipped());
        List<String> problems = report.problems().stream().map(Object::toString).toList();
        String f = file.toString();
        assertEquals(List.of(
                f + ":2: invalid JSON at column 39: Unexpected end-of-input within/between Object entries"
                        + " (each line must be one complete JSON object)",
                f + ":4: field 'url': missing (every page needs its absolute http(s) URL)",
                f + ":6: field 'url': must be a string, got a number (give the page's absolute http(s) URL)",
                f + ":7: field 'url': not an absolute http(s) URL: 'ftp://example.com/' (give the page's absolute http(s) URL)",
                f + ":8: field 'title': must be a string, got an array",
                f + ":9: not a JSON object (each line must be one JSON object like {\"url\": ...})",
                f + ":10: field 'links[1]': must be an object or a string, got a number"
                        + " (give {\"url\": ..., \"anchor\": ..., \"rel\": ...} or a URL string)"), problems);
        assertEquals(2, report.pages());
    }

    @Test
    void relativeLinksResolveAgainstThePageUrlAndHtmlBase() throws Exception {
        JsonlPageReader r = new JsonlPageReader();
        PageRecord p = r.parseLine("{\"url\": \"https://blog.example.com/2020/01/post-1/\", \"links\": ["
                + "\"../../02/post-2/\", \"post-1b.html\", \"//cdn.example.net/x\", \"?page=2\"]}", "t:1",
                new IngestReport());
        assertEquals(List.of("https://blog.example.com/2020/02/post-2/", "https://blog.example.com/2020/01/post-1/post-1b.html",
                "https://cdn.example.net/x", "https://blog.example.com/2020/01/post-1/?page=2"),
                p.links().stream().map(Link::url).toList());
        PageRecord h = r.parseLine("{\"url\": \"https://example.com/a/b/page\", \"html\": \"<base href='/docs/'>"
                + "<p><a href='intro/'>intro</a> <a href='../about'>about</a></p>\"}", "t:2", new IngestReport());
        assertEquals(List.of("https://example.com/docs/intro/", "https://example.com/about"),
                h.links().stream().map(Link::url).toList());
    }

    @Test
    void readsPlainJsonl() throws IOException {
        Path file = dir.resolve("pages.jsonl");
        Files.writeString(file, LINES);
        check(file);
    }

    @Test
    void readsGzippedJsonl() throws IOException {
        Path file = dir.resolve("pages.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(LINES.getBytes(StandardCharsets.UTF_8));
        }
        check(file);
    }

    @Test
    void lastLineWithoutNewlineAndBom() throws IOException {
        Path file = dir.resolve("p.jsonl");
        Files.write(file, ("\ufeff{\"url\": \"http://a.example/\", \"text\": \"x\"}\r\n{\"url\": \"http://b.example/\"}")
                .getBytes(StandardCharsets.UTF_8));
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        new JsonlPageReader().read(file, sink, report);
        assertEquals(List.of("http://a.example/", "http://b.example/"), sink.pages.stream().map(PageRecord::url).toList());
        assertEquals(List.of(), report.problems());
    }

    @Test
    void normaliseText() {
        assertEquals("a b\nc", JsonlPageReader.normaliseText("  a \u00a0 b \r\n\n\t c  \n"));
        // the runs of ordinary characters are copied at once: the same text as the rule said another way
        char[] alphabet = {'a', 'Z', '.', ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u2029', '\f', '\u000b', '\u3000',
                '\u2003', '\u0001', '\u001c', 'é', '中', '\u007f', '\u0085', '\ud83d'};
        java.util.Random random = new java.util.Random(20261207);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(20); k > 0; k--) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            assertEquals(normaliseByLines(text), JsonlPageReader.normaliseText(text), "round " + round);
        }
    }

    /**
     * What {@link JsonlPageReader#normaliseText} means, said another way: split at line breaks, each line's runs of
     * whitespace (space, tab, no-break space, form feed, vertical tab, and whitespace above ASCII) made one space and
     * trimmed, empty lines dropped, the rest joined by {@code \n}.
     */
    private static String normaliseByLines(String text) {
        String space = "(?:[ \\t\\u00a0\\f\\u000b]|[\\u0080-\\uffff&&\\p{javaWhitespace}])+";
        java.util.StringJoiner out = new java.util.StringJoiner("\n");
        for (String line : text.split("[\\n\\r\\u2028\\u2029]")) {
            String l = line.replaceAll(space, " ").replaceAll("\\A | \\z", "");
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out.toString();
    }

    @Test
    void htmlPagesCarryHeadingsAndForms() throws IOException {
        Path file = dir.resolve("html.jsonl");
        Files.writeString(file, "{\"url\": \"https://mag.example/join\", \"text\": \"Given text\", \"html\": "
                + "\"<h1>Join us</h1><h2>Become a contributor</h2><form action='/apply'><textarea name=pitch>"
                + "</textarea><button>Send your pitch</button></form>\"}\n"
                + "{\"url\": \"https://mag.example/plain\", \"text\": \"Become a contributor\"}\n");
        TestSink sink = new TestSink();
        new JsonlPageReader().read(file, sink, new IngestReport());
        PageRecord html = sink.pages.get(0);
        assertEquals("Given text", html.text()); // an explicit text wins, the structure still comes from the HTML
        assertEquals(new PageStructure(List.of("Join us", "Become a contributor"), List.of(new PageStructure.Form(
                true, false, "send your pitch pitch", "https://mag.example/apply"))), html.structure());
        assertEquals(null, sink.pages.get(1).structure());
    }

    /**
     * Lines are parsed on several threads in batches: pages, problems (with a line over the size limit in the
     * middle) and skipped links still reach the sink and the report in line order, as one thread gives them.
     */
    @Test
    void manyLinesReachTheSinkInLineOrder() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expectedPages = new java.util.ArrayList<>();
        List<String> expectedProblems = new java.util.ArrayList<>();
        // for each page, how many problems come before it
        List<Integer> expectedProblemsBefore = new java.util.ArrayList<>();
        for (int k = 1; k <= 2000; k++) {
            if (k % 10 == 3) {
                sb.append("{\"url\": \"https://s.example/").append(k).append("\", \n");
                expectedProblems.add(k + ": invalid JSON");
            } else if (k % 10 == 6) {
                sb.append("   \n");
            } else if (k == 777) {
                sb.append("{\"url\": \"https://s.example/long\", \"text\": \"").append("x".repeat(3000))
                        .append("\"}\n");
                expectedProblems.add(k + ": line longer than 2000 bytes");
            } else {
                // every 25th page has a link that is no http(s) URL (skipped and counted)
                sb.append("{\"url\": \"https://s.example/").append(k).append("\", \"links\": [\"")
                        .append(k % 25 == 0 ? "javascript:x()" : "/to/" + (k + 1)).append("\"]}\n");
                expectedPages.add("https://s.example/" + k);
                expectedProblemsBefore.add(expectedProblems.size());
            }
        }
        Path file = dir.resolve("many.jsonl");
        Files.writeString(file, sb.toString());
        IngestReport report = new IngestReport();
        List<String> urls = new java.util.ArrayList<>();
        List<Integer> problemsBefore = new java.util.ArrayList<>();
        new JsonlPageReader(new IngestLimits(2000, 10, 10, 1L << 30)).read(file, new TestSink() {
            @Override
            public void page(PageRecord page) {
                urls.add(page.url());
                problemsBefore.add(report.problems().size());
            }
        }, report);
        assertEquals(expectedPages, urls);
        assertEquals(expectedProblemsBefore, problemsBefore);
        assertEquals(expectedProblems, report.problems().stream()
                .map(p -> p.position() + ": " + p.message().substring(0, p.message().startsWith("invalid JSON")
                        ? "invalid JSON".length() : "line longer than 2000 bytes".length()))
                .toList());
        assertEquals(java.util.Map.of("jsonl: invalid link url", 80L), report.skipped());
        assertEquals(2000 - 200 - 200 - 1, urls.size()); // lines - broken - blank - too long
    }

    /**
     * The parsing threads end with the file, also when the reading fails: threads left running would keep the reader's
     * class loader (and every model an application loaded through it) alive for the life of the JVM.
     */
    @Test
    void parsingThreadsEndWithTheFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= 500; k++) {
            sb.append("{\"url\": \"https://s.example/").append(k).append("\"}\n");
        }
        Path file = dir.resolve("threads.jsonl");
        Files.writeString(file, sb.toString());
        TestSink sink = new TestSink();
        new JsonlPageReader().read(file, sink, new IngestReport());
        assertEquals(500, sink.pages.size());
        assertEquals(List.of(), parsingThreads());
        // a sink's exception becomes a problem of its line; an Error (e.g. out of memory) ends the reading
        Error failure = org.junit.jupiter.api.Assertions.assertThrows(Error.class,
                () -> new JsonlPageReader().read(file, new TestSink() {
                    @Override
                    public void page(PageRecord page) {
                        if (page.url().endsWith("/100")) {
                            throw new Error("sink failed");
                        }
                    }
                }, new IngestReport()));
        assertEquals("sink failed", failure.getMessage());
        assertEquals(List.of(), parsingThreads());
    }

    private static List<String> parsingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("linkscout-jsonl-")).sorted().toList();
    }
}
