package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.ingest.InputFormats.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based tests of the web-archive reader (WARC, ARC, WAT, WET, plain or gzip) and the backlink-export reader
 * (README "Reliability"), in the style of {@link InputReadersProperties}: mutations of the real fixture files
 * (bytes flipped, inserted or cut, the file truncated, gzip members broken) and arbitrary bytes under every archive
 * suffix. A reader hands records to the sink or reports problems that name the file and a position inside it (a
 * byte offset {@code @N} for archives, a line for exports), within {@link InputReadersProperties#PER_TRY}; the
 * export reader may instead refuse the whole file with a {@link UserException} that says why. Nothing else escapes.
 */
class ArchiveAndExportReadersProperties {

    private static Path dir;
    private static int n;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("linkscout-archive-props");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- inputs

    /** The archive fixtures (real files from WARC tools' test suites and Common Crawl), by name. */
    static List<String> archiveFixtures() {
        try (Stream<Path> s = Files.list(TestSink.fixture("warc"))) {
            List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".warc") || f.endsWith(".arc") || f.endsWith(".gz")).sorted().toList());
            names.add("../wat/handmade.warc.wat");
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture's bytes with a seeded series of mutations; the seed comes from jqwik, so the run is reproducible. */
    record Mutated(String fixture, byte[] bytes) {
        @Override
        public String toString() {
            return fixture + " (" + bytes.length + " bytes)";
        }
    }

    static byte[] mutate(byte[] in, long seed, int mutations) {
        Random r = new Random(seed);
        byte[] b = in.clone();
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] = (byte) r.nextInt(256); // flip a byte
                case 1 -> b = Arrays.copyOf(b, at); // truncate
                case 2 -> { // insert random bytes
                    byte[] ins = new byte[1 + r.nextInt(64)];
                    r.nextBytes(ins);
                    byte[] out = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(b, at, out, at + ins.length, b.length - at);
                    b = out;
                }
                case 3 -> { // cut a slice out
                    int len = Math.min(b.length - at, 1 + r.nextInt(512));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                default -> { // digits in a header turn into other digits (Content-Length, offsets)
                    for (int k = at; k < Math.min(b.length, at + 200); k++) {
                        if (b[k] >= '0' && b[k] <= '9') {
                            b[k] = (byte) ('0' + r.nextInt(10));
                            break;
                        }
                    }
                }
            }
        }
        return b;
    }

    @Provide
    Arbitrary<Mutated> mutatedArchives() {
        List<String> fixtures = archiveFixtures();
        return Combinators.combine(Arbitraries.of(fixtures), Arbitraries.longs(), Arbitraries.integers().between(1, 6))
                .as((f, seed, k) -> new Mutated(f, mutate(read("warc/" + f), seed, k)));
    }

    @Provide
    Arbitrary<Mutated> recompressedArchives() {
        List<String> plain = archiveFixtures().stream().filter(f -> !f.endsWith(".gz")).toList();
        return Combinators.combine(Arbitraries.of(plain), Arbitraries.longs(), Arbitraries.integers().between(0, 3))
                .as((f, seed, k) -> new Mutated(f + ".gz", mutate(gzip(mutate(read("warc/" + f), seed, k)),
                        seed + 1, k)));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
    }

    static List<String> exportFixtures() {
        try (Stream<Path> s = Files.list(Path.of(TestSink.class.getResource("/tool-exports").toURI()))) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Mutated> mutatedExports() {
        return Combinators.combine(Arbitraries.of(exportFixtures()), Arbitraries.longs(),
                Arbitraries.integers().between(1, 8)).as((f, seed, k) -> new Mutated(f,
                        mutate(readResource("/tool-exports/" + f), seed, k)));
    }

    static byte[] read(String fixture) {
        try {
            return Files.readAllBytes(TestSink.fixture(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readResource(String path) {
        try (var in = ArchiveAndExportReadersProperties.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 300, seed = "17061")
    void mutatedArchivesAreReadOrReportedByOffset(@ForAll("mutatedArchives") Mutated m) {
        checkArchive(m.fixture(), m.bytes());
    }

    @Property(tries = 100, seed = "17062")
    void brokenGzipMembersAreReportedByOffset(@ForAll("recompressedArchives") Mutated m) {
        checkArchive(m.fixture(), m.bytes());
    }

    @Property(tries = 100, seed = "17063")
    void arbitraryBytesUnderEveryArchiveSuffix(@ForAll("bytes") byte[] bytes) {
        for (String suffix : List.of(".warc", ".warc.gz", ".arc", ".arc.gz", ".warc.wat.gz", ".warc.wet")) {
            checkArchive("x" + suffix, bytes);
        }
    }

    @Property(tries = 300, seed = "17064")
    void mutatedExportsAreReadOrReportedByLine(@ForAll("mutatedExports") Mutated m) {
        checkExport(m.fixture(), m.bytes());
    }

    @Property(tries = 100, seed = "17065")
    void arbitraryBytesAsAnExport(@ForAll("bytes") byte[] bytes) {
        checkExport("x.csv", bytes);
    }

    // ---------------------------------------------------------------- the checks

    static Path write(String name, byte[] content) {
        String base = Path.of(name).getFileName().toString();
        Path file = dir.resolve((n++) + "-" + base);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static void checkArchive(String name, byte[] content) {
        Path file = write(name, content);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        assertTimeoutPreemptively(InputReadersProperties.PER_TRY,
                () -> InputFormats.readerFor(Format.WARC).read(file, sink, report), () -> "WARC reader on " + file);
        for (IngestReport.Problem p : report.problems()) {
            assertEquals(file.toString(), p.file(), "problem names the file: " + p);
            assertTrue(p.position().isEmpty() || p.position().matches("@\\d+"), "problem names an offset: " + p);
            if (!p.position().isEmpty()) {
                long at = Long.parseLong(p.position().substring(1));
                assertTrue(at >= 0 && at <= content.length, "offset " + at + " of " + content.length + ": " + p);
            }
            assertFalse(p.message() == null || p.message().isBlank(), "problem says what: " + p);
        }
        for (PageRecord page : sink.pages) {
            assertFalse(page.url() == null || page.url().isBlank(), "a page without a URL from " + file);
        }
        delete(file);
    }

    static void checkExport(String name, byte[] content) {
        Path file = write(name, content);
        TestSink sink = new TestSink();
        IngestReport report = new IngestReport();
        assertTimeoutPreemptively(InputReadersProperties.PER_TRY, () -> {
            try {
                InputFormats.readerFor(Format.EXPORT).read(file, sink, report);
            } catch (UserException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
            }
        }, () -> "export reader on " + file);
        long lines = new String(content, StandardCharsets.UTF_8).lines().count() + 1;
        for (IngestReport.Problem p : report.problems()) {
            assertEquals(file.toString(), p.file(), "problem names the file: " + p);
            assertTrue(p.position().matches("\\d+"), "problem names a line: " + p);
            long line = Long.parseLong(p.position());
            assertTrue(line >= 1 && line <= lines + 1, "line " + line + " of " + lines + ": " + p);
            assertFalse(p.message() == null || p.message().isBlank(), "problem says what: " + p);
        }
        for (ExportLink l : sink.exportLinks) {
            assertFalse(l.sourceDomain() == null || l.sourceDomain().isBlank(), "an export link without a source");
        }
        delete(file);
    }

    static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
