package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.ingest.InputFormats.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based tests of the JSON Lines page reader and the CSV/JSONL catalog and authority readers (README
 * "Reliability"): for arbitrary bytes, arbitrary lines and mutations of the fixture lines, a reader hands records
 * to the sink or reports problems that name the file and a line, and it finishes within {@link #PER_TRY}. Nothing
 * else escapes it (an {@link IOException} would mean the whole file was unreadable; none is expected for these
 * plain files).
 */
class InputReadersProperties {

    static final Duration PER_TRY = Duration.ofSeconds(10);

    private static Path dir;
    private static int n;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("linkscout-props");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- inputs

    static List<String> fixtureLines(String path) {
        try {
            Path p = TestSink.fixture(path);
            byte[] bytes = Files.readAllBytes(p);
            if (path.endsWith(".gz")) {
                try (var in = new GZIPInputStream(Files.newInputStream(p))) {
                    bytes = in.readAllBytes();
                }
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().limit(20).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> PAGE_LINES = List.of(
            "{\"url\":\"https://example.com/a\",\"title\":\"A\",\"text\":\"hello world\",\"links\":[{\"url\":\"/b\","
                    + "\"anchor\":\"b\",\"rel\":\"nofollow\"},\"https://other.org/\"],\"fetched_at\":\"2024-01-02T03:04:05Z\"}",
            "{\"url\":\"http://example.com/h\",\"html\":\"<html><head><title>T</title></head><body><h1>H</h1><p>x <a "
                    + "href='mailto:a@b.com'>m</a> <a href=../c rel=ugc>c</a></p><form><textarea></textarea></form>"
                    + "</body></html>\",\"fetched_at\":1700000000}",
            "{\"url\":\"https://example.com/c\",\"links\":[\"https://x.org/1\",{\"url\":\"mailto:q@r.s\"}]}");

    /** One line changed: characters deleted, inserted, replaced, duplicated or the line cut short. */
    static Arbitrary<String> mutated(List<String> lines) {
        Arbitrary<String> line = Arbitraries.of(lines);
        Arbitrary<Character> noise = Arbitraries.oneOf(Arbitraries.of('"', '{', '}', '[', ']', ',', ':', '\\', '\n',
                        '\r', '\u0000', '\ufeff', '\ud800', '0', '-', 'e', '.', ' ', ';', '\t', 'ü'),
                Arbitraries.chars());
        return Arbitraries.lazyOf(
                () -> net.jqwik.api.Combinators.combine(line, Arbitraries.integers().between(0, 10_000), noise,
                        Arbitraries.integers().between(0, 4)).as((l, pos, c, op) -> {
                            int i = l.isEmpty() ? 0 : pos % l.length();
                            return switch (op) {
                                case 0 -> l.substring(0, i) + l.substring(Math.min(l.length(), i + 1));
                                case 1 -> l.substring(0, i) + c + l.substring(i);
                                case 2 -> l.substring(0, i) + c + l.substring(Math.min(l.length(), i + 1));
                                case 3 -> l.substring(0, i);
                                default -> l.substring(0, i) + l.substring(i) + l.substring(i);
                            };
                        }));
    }

    static Arbitrary<List<String>> files(List<String> valid) {
        Arbitrary<String> anyLine = Arbitraries.strings().ofMaxLength(120);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(valid)),
                net.jqwik.api.Tuple.of(5, mutated(valid)),
                net.jqwik.api.Tuple.of(2, anyLine));
        return line.list().ofMinSize(0).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> pageFiles() {
        return files(PAGE_LINES);
    }

    @Provide
    Arbitrary<List<String>> catalogFiles() {
        List<String> csv = List.of("domain,name,description,topic,country,majestic_rank",
                "example.com,Example,\"A site, with a comma\",Tech,US,12", "https://www.bbc.co.uk/news,BBC,,News,GB,3",
                "url,name\nhttps://a.org/x,A");
        List<String> valid = new ArrayList<>(fixtureLines("catalog/sites-head50.jsonl"));
        valid.addAll(csv);
        return Arbitraries.oneOf(files(csv).map(l -> withHeader(csv.get(0), l)), files(fixtureLines(
                "catalog/sites-head50.jsonl")));
    }

    @Provide
    Arbitrary<List<String>> authorityFiles() {
        List<String> majestic = fixtureLines("authority/majestic-head50.csv");
        List<String> moz = fixtureLines("authority/moz-head50.csv");
        List<String> merged = fixtureLines("authority/authority_by_domain-head50.csv.gz");
        return Arbitraries.oneOf(
                files(majestic.subList(1, majestic.size())).map(l -> withHeader(majestic.get(0), l)),
                files(moz.subList(1, moz.size())).map(l -> withHeader(moz.get(0), l)),
                files(merged.subList(1, merged.size())).map(l -> withHeader(merged.get(0), l)),
                files(majestic));
    }

    static List<String> withHeader(String header, List<String> rows) {
        List<String> out = new ArrayList<>();
        out.add(header);
        out.addAll(rows);
        return out;
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 300, seed = "17021")
    void pagesFromMutatedLines(@ForAll("pageFiles") List<String> lines) {
        check(Format.PAGES, ".jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "17022")
    void catalogFromMutatedLines(@ForAll("catalogFiles") List<String> lines) {
        check(Format.CATALOG, ".csv", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        check(Format.CATALOG, ".jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "17023")
    void authorityFromMutatedLines(@ForAll("authorityFiles") List<String> lines) {
        check(Format.AUTHORITY, ".csv", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "17024")
    void arbitraryBytes(@ForAll("bytes") byte[] bytes) {
        for (Format f : List.of(Format.PAGES, Format.CATALOG, Format.AUTHORITY)) {
            check(f, f == Format.PAGES ? ".jsonl" : ".csv", bytes);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    // ---------------------------------------------------------------- the check

    static void check(Format format, String suffix, byte[] content) {
        Path file = dir.resolve("in-" + (n++) + suffix);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        assertTimeoutPreemptively(PER_TRY, () -> InputFormats.readerFor(format).read(file, sink, report),
                () -> format + " reader on " + file);
        long lines = content.length == 0 ? 1 : new String(content, StandardCharsets.UTF_8).lines().count() + 1;
        for (IngestReport.Problem p : report.problems()) {
            assertEquals(file.toString(), p.file(), "problem names the file: " + p);
            assertTrue(p.position() != null && p.position().matches("\\d+"), "problem names a line: " + p);
            long line = Long.parseLong(p.position());
            assertTrue(line >= 1 && line <= lines, "line " + line + " of " + lines + ": " + p);
            assertTrue(p.message() != null && !p.message().isBlank(), "problem says what: " + p);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
