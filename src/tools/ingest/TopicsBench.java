import io.linkscout.ingest.*;
import io.linkscout.nlp.PageTopics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The page topics ({@code PageTopics}, as the ingest computes them) of the first N pages of a pages JSONL file,
 * several rounds: CPU of the thread per page and the SHA-256 prefix of all topics (the same hash means the same
 * topics). {@code java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
 * src/tools/ingest/TopicsBench.java pages.jsonl 2000 4}
 */
public class TopicsBench {
    public static void main(String[] a) throws Exception {
        if (a.length != 3 || !java.nio.file.Files.isRegularFile(Path.of(a[0]))) {
            System.err.println("usage: TopicsBench PAGES.jsonl[.gz] PAGES ROUNDS (the file must exist; the numbers are positive integers)");
            System.exit(2);
        }
        Path f = Path.of(a[0]);
        int n = positive(a[1]);
        int rounds = positive(a[2]);
        List<PageRecord> pages = new ArrayList<>();
        InputFormats.readAll(List.of(f), InputFormats.Format.PAGES, new IngestSink() {
            public void page(PageRecord p) { if (pages.size() < n) pages.add(p); }
            public void site(SiteRecord s) { }
            public void authority(AuthorityRecord x) { }
            public void exportLink(ExportLink e) { }
        }, new IngestReport());
        PageTopics topics = new PageTopics();
        java.lang.management.ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long c0 = tb.getCurrentThreadCpuTime();
            for (PageRecord p : pages) {
                md.update(topics.extract(p.title(), p.text()).toString().getBytes());
            }
            long c1 = tb.getCurrentThreadCpuTime();
            System.out.printf("round %d: %d pages, thread cpu %.3f ms/page, sha256 %s%n", r, pages.size(),
                    (c1 - c0) / 1e6 / pages.size(), java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16));
        }
    }

    private static int positive(String s) {
        try {
            int v = Integer.parseInt(s.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("not a positive integer: '" + s + "' (give e.g. 3)");
        System.exit(2);
        return 0;
    }
}
