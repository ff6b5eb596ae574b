package io.linkscout.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedsTest {

    @TempDir
    Path tmp;

    @Test
    void linesWithDomainsUrlsAndComments() throws IOException {
        Path f = tmp.resolve("s.txt");
        Files.writeString(f, "# prospects\nExample.com\n\nhttp://blog.example.com/garden  # same site\n"
                + "https://news.bbc.co.uk/x?utm_source=a\n");
        assertEquals(List.of(new Seeds.Seed("https://example.com/", "example.com", f + ":2", true),
                new Seeds.Seed("http://blog.example.com/garden", "example.com", f + ":4"),
                new Seeds.Seed("https://news.bbc.co.uk/x", "bbc.co.uk", f + ":5")), Seeds.read(f));
    }

    @Test
    void csvWithADomainColumn() throws IOException {
        Path f = tmp.resolve("s.csv");
        Files.writeString(f, "# export\nName,Domain,DR\nAlpha,alpha.com,50\n\"Beta, Inc\",beta.org,10\n");
        assertEquals(List.of(new Seeds.Seed("https://alpha.com/", "alpha.com", f + ":3", true),
                new Seeds.Seed("https://beta.org/", "beta.org", f + ":4", true)), Seeds.read(f));
    }

    @Test
    void badLinesAreReportedWithFileLineAndFix() throws IOException {
        Path f = tmp.resolve("bad.txt");
        Files.writeString(f, "good.com\nnot a domain\nftp://files.example.com/\n");
        UserException e = assertThrows(UserException.class, () -> Seeds.read(f));
        assertEquals("2 bad seed line(s):\n  " + f + ":2: 'not a domain' is not a domain or URL\n  " + f
                + ":3: 'ftp://files.example.com/' is not an http(s) URL\nFix: one domain (example.com) or http(s) URL "
                + "a line, # for comments, or a CSV with a url/domain column.", e.getMessage());
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "name,rating\nA,1\n");
        assertEquals("1 bad seed line(s):\n  " + csv + ":1: the CSV header [name, rating] has no "
                + "url/domain/website/site/host column\nFix: one domain (example.com) or http(s) URL a line, # for "
                + "comments, or a CSV with a url/domain column.",
                assertThrows(UserException.class, () -> Seeds.read(csv)).getMessage());
    }

    /** Found by SeedsProperties (seed 17051): a CSV syntax error was reported as "file: not a valid CSV", no line. */
    @Test
    void brokenCsvQuoteIsReportedAtItsLine() throws IOException {
        Path f = tmp.resolve("s.csv");
        Files.writeString(f, "url,name\nhttps://a.org/,A\nhttps://b.org/,\"B\n");
        UserException e = assertThrows(UserException.class, () -> Seeds.read(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("\n  " + f + ":3: not valid CSV"),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("\nFix: "), e.getMessage());
    }

    /** Found by SeedsProperties (seed 17052): bytes that are not UTF-8 escaped as MalformedInputException. */
    @Test
    void notUtf8IsReportedAtItsLine() throws IOException {
        Path f = tmp.resolve("s.txt");
        Files.write(f, new byte[] {'a', '.', 'o', 'r', 'g', '\n', 'b', (byte) 0xff, '.', 'o', 'r', 'g', '\n'});
        UserException e = assertThrows(UserException.class, () -> Seeds.read(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("\n  " + f + ":2: not UTF-8 text"),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("\nFix: save the seed list as UTF-8"),
                e.getMessage());
    }
}
