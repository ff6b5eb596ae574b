import io.linkscout.ingest.*;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * Reads a pages JSONL file through {@code InputFormats.readAll} (as {@code ingest} does) into a sink that hashes every
 * page record; prints, per round, the process CPU and wall time and the SHA-256 prefix of the records (the same
 * hash means the same records). Run against a packaged build (README "Scale"):
 * {@code java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
 * src/tools/ingest/ReadBench.java pages.jsonl 3}
 */
public class ReadBench {
    public static void main(String[] a) throws Exception {
        if (a.length != 2 || !java.nio.file.Files.isRegularFile(Path.of(a[0]))) {
            System.err.println("usage: ReadBench PAGES.jsonl[.gz] ROUNDS (the file must exist; the numbers are positive integers)");
            System.exit(2);
        }
        Path f = Path.of(a[0]);
        int rounds = positive(a[1]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long[] n = new long[1];
            IngestSink sink = new IngestSink() {
                public void page(PageRecord p) { md.update(p.toString().getBytes()); n[0]++; }
                public void site(SiteRecord s) { }
                public void authority(AuthorityRecord x) { }
                public void exportLink(ExportLink e) { }
            };
            IngestReport rep = new IngestReport();
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            InputFormats.readAll(List.of(f), InputFormats.Format.PAGES, sink, rep);
            long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
            System.out.printf("round %d: %d pages, cpu %.2f s, wall %.2f s, problems %d, skipped %s, sha256 %s%n", r, n[0],
                    (c1 - c0) / 1e9, (t1 - t0) / 1e9, rep.problems().size(), rep.skipped(),
                    java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16));
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
