package io.linkscout.index;

import io.linkscout.index.IncrementalIngestTest.Batch;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.lucene.util.IOUtils;

/**
 * Incremental ingest on seeded random corpora: a few sites whose pages link to each other and out, split into a
 * first and a second ingest (the second also replaces some pages of the first and adds catalog and authority rows);
 * ingesting them one after the other gives the same index as ingesting both in one go.
 */
class IncrementalIngestProperties {

    private static final String[] WORDS = {"otter", "river", "sea", "fish", "guide", "travel", "rust", "cargo",
        "volcano", "lava", "garden", "tomato", "casino", "bonus", "loan", "about", "contact", "write", "guest", "post"};

    /** A random corpus from {@code seed}: the two batches. */
    static Batch[] corpus(long seed) {
        Random r = new Random(seed);
        int sites = 2 + r.nextInt(4);
        List<String> urls = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            int n = 1 + r.nextInt(6);
            for (int p = 0; p < n; p++) {
                urls.add("https://" + (r.nextBoolean() ? "www." : "") + "site" + s + ".com/p" + p);
            }
        }
        List<PageRecord> first = new ArrayList<>();
        List<PageRecord> second = new ArrayList<>();
        for (String u : urls) {
            (r.nextInt(3) == 0 ? second : first).add(page(r, u, urls, "a"));
        }
        for (String u : urls) {
            if (r.nextInt(5) == 0) {
                second.add(page(r, u, urls, "b")); // a new version
            }
        }
        List<SiteRecord> cat1 = new ArrayList<>();
        List<SiteRecord> cat2 = new ArrayList<>();
        for (int s = 0; s < sites + 1; s++) {
            if (r.nextBoolean()) {
                (r.nextBoolean() ? cat1 : cat2).add(new SiteRecord("site" + s + ".com", "https://site" + s + ".com/",
                        "Site " + s, words(r, 4), WORDS[r.nextInt(WORDS.length)], "GB", Map.of(), "c:" + s));
            }
        }
        List<AuthorityRecord> auth2 = new ArrayList<>();
        if (r.nextBoolean()) {
            auth2.add(new AuthorityRecord("site0.com", "majestic", Map.of("majestic_rank", 10.0 + r.nextInt(100),
                    "majestic_ref_subnets", 1.0 + r.nextInt(1000)), "m:1"));
        }
        return new Batch[] {new Batch(first, cat1, List.of()), new Batch(second, cat2, auth2)};
    }

    private static PageRecord page(Random r, String url, List<String> urls, String version) {
        List<Link> links = new ArrayList<>();
        int n = r.nextInt(5);
        for (int k = 0; k < n; k++) {
            String to = r.nextInt(6) == 0 ? "https://elsewhere.net/x" + r.nextInt(3) : urls.get(r.nextInt(urls.size()));
            links.add(new Link(to, r.nextInt(4) == 0 ? "" : words(r, 1 + r.nextInt(3)),
                    r.nextInt(5) == 0 ? "nofollow" : ""));
        }
        String text = words(r, r.nextInt(4) == 0 ? 5 : 20 + r.nextInt(80));
        return new PageRecord(url, words(r, 1 + r.nextInt(4)), text, links,
                r.nextInt(4) == 0 ? List.of("ed@" + url.replaceAll("https://(www\\.)?|/.*", "")) : List.of(), null,
                "t:" + version);
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    @Property(tries = 12, seed = "17101")
    void firstThenSecondEqualsBothInOneGo(@ForAll long seed) throws Exception {
        Batch[] b = corpus(seed);
        Path tmp = Files.createTempDirectory("incr-prop");
        try {
            IndexLayout stepwise = new IndexLayout(tmp.resolve("stepwise"));
            IndexLayout oneGo = new IndexLayout(tmp.resolve("one-go"));
            IncrementalIngestTest.ingest(stepwise, b[0], false);
            IncrementalIngestTest.ingest(stepwise, b[1], false);
            IncrementalIngestTest.ingest(oneGo, b[0].plus(b[1]), false);
            IncrementalIngestTest.assertSameIndex(oneGo, stepwise, List.of("otter", "guid", "casino", "post"));
        } finally {
            IOUtils.rm(tmp);
        }
    }
}
