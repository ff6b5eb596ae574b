package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based tests of {@link Seeds#read} (README "Reliability"): for any seed file (plain lines or CSV, valid,
 * bad or arbitrary) it returns seeds, or throws a {@link UserException} whose bad lines are each given as
 * {@code file:line: problem} followed by a fix; nothing else escapes.
 */
class SeedsProperties {

    private static Path dir;
    private static int n;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("linkscout-seeds-props");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    static Arbitrary<List<String>> seedFiles() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("example.com", "https://example.com/blog/", "http://www.bbc.co.uk/news", "# comment",
                        "", "  ", "example.org # trailing comment", "ftp://x.org/", "localhost", "com", "a b",
                        "http://", "例え.jp", "-", "url,name", "domain", "https://a.org/,A", "\"x.org", "\"", "\"a\"\"b\"",
                        "x.org,\"unclosed", "\ufeffexample.net", "http://[::1]/", "10.0.0.1", "https://h.org:99999/"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("abc.,\"#:/ \t-").ofMaxLength(20));
        return line.list().ofMaxSize(10);
    }

    @Property(tries = 500, seed = "17051")
    void badLinesAreReportedWithFileLineAndFix(@ForAll("seedFiles") List<String> lines) throws IOException {
        check(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200, seed = "17052")
    void arbitraryBytes(@ForAll("bytes") byte[] bytes) throws IOException {
        check(bytes);
    }

    @Provide
    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(500);
    }

    static void check(byte[] content) throws IOException {
        Path file = dir.resolve("seeds-" + (n++) + ".txt");
        Files.write(file, content);
        try {
            List<Seeds.Seed> seeds = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Seeds.read(file));
            assertFalse(seeds.isEmpty());
        } catch (UserException e) {
            String m = e.getMessage();
            if (m.startsWith(file + ": no seeds found")) {
                return;
            }
            assertTrue(m.matches("(?s)\\d+ bad seed line\\(s\\):.*\nFix: .*"), () -> "no count or fix: " + m);
            List<String> items = m.lines().filter(l -> l.startsWith("  ") && !l.startsWith("  ... ")).toList();
            assertFalse(items.isEmpty(), () -> "no bad line listed: " + m);
            for (String item : items) {
                assertTrue(item.matches("  " + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .+"),
                        () -> "not file:line: problem: " + item + "\nin " + m);
            }
        } finally {
            Files.delete(file);
        }
    }
}
