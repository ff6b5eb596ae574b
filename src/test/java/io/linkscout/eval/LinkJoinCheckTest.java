package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.url.LinkResolver.Match;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkJoinCheckTest {

    @TempDir
    Path dir;

    @Test
    void countsRightWrongMissedAndExtraJoins() throws Exception {
        Path corpus = dir.resolve("pages.jsonl");
        Files.writeString(corpus, String.join("\n",
                "{\"url\": \"https://a.dev/2020/01/02/hello-world/\", \"links\": ["
                        + "{\"url\": \"https://b.org/post-one\", \"to\": \"https://b.org/post-one/\", \"match\": \"exact\"},"
                        + "{\"url\": \"https://b.org/post-one/\", \"to\": \"https://b.org/post-one/\", \"match\": \"exact\"},"
                        + "{\"url\": \"https://old-b.net/post-one/\", \"to\": \"https://b.org/post-one/\", \"match\": \"exact\"},"
                        + "{\"url\": \"mailto:x@a.dev\"},"
                        + "{\"url\": \"#top\"}]}",
                "{\"url\": \"https://b.org/post-one/\", \"links\": ["
                        + "{\"url\": \"https://a.dev/hello-world/\"},"
                        + "{\"url\": \"/about/\"}]}",
                "{\"url\": \"https://b.org/about/\", \"links\": []}") + "\n", StandardCharsets.UTF_8);
        LinkJoinCheck.Result r = LinkJoinCheck.check(corpus, 5);
        assertEquals(3, r.pages());
        assertEquals(7, r.links());
        assertEquals(1, r.invalid()); // mailto:
        assertEquals(1, r.selfLinks()); // #top
        assertEquals(3, r.withTo());
        assertEquals(3, r.withToCrossSite());
        assertEquals(List.of(1L, 0L, 2L, 1L), List.of(r.exactOnly().right, r.exactOnly().wrong, r.exactOnly().missed,
                r.exactOnly().extra));
        // /about/ is an exact join the corpus gave no `to`; the resolver also joins the slug link, and misses the
        // moved host old-b.net
        assertEquals(List.of(2L, 0L, 1L, 2L), List.of(r.resolver().right, r.resolver().wrong, r.resolver().missed,
                r.resolver().extra));
        assertEquals(List.of(1L, 0L, 0L, 1L), java.util.Arrays.stream(r.resolver().byMatch.get(Match.EXACT)).boxed()
                .toList());
        assertEquals(List.of(
                "  joined without `to` (EXACT): https://b.org/post-one/ -> https://b.org/about/ => https://b.org/about/",
                "  joined without `to` (SLUG): https://b.org/post-one/ -> https://a.dev/hello-world/ => "
                        + "https://a.dev/2020/01/02/hello-world/",
                "  missed (exact): https://a.dev/2020/01/02/hello-world/ -> https://old-b.net/post-one/ => null "
                        + "(to https://b.org/post-one/)"),
                LinkJoinCheck.render(corpus, r).lines().filter(l -> l.contains(": https://")).toList());
    }
}
