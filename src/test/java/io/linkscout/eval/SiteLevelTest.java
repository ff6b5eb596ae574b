package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteLevelTest {

    static final Path BENCH = Path.of("..", "shared", "bench");
    static final Path BLOGS = Path.of("..", "shared", "data", "blogs", "pages.jsonl.gz");

    @TempDir
    Path tmp;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void registrableDomainsFollowThePublicSuffixList() {
        PublicSuffixList psl = PublicSuffixList.bundled();
        assertEquals("example.co.uk", psl.registrable("https://www.example.co.uk/a"));
        assertEquals("example.co.uk", psl.registrable("https://blog.example.co.uk"));
        assertEquals("alice.github.io", psl.registrable("https://alice.github.io/post/"));   // private section
        assertEquals("github.io", psl.registrable("https://github.io/"));                    // a suffix itself
        assertEquals("shop.site.ck", psl.registrable("https://shop.site.ck/p"));             // *.ck
        assertEquals("www.ck", psl.registrable("https://www.ck/home"));                      // !www.ck
        assertEquals("foo.com", psl.registrable("https://user:pw@news.foo.com.:8080/x"));    // userinfo, port, dot
        assertEquals("0.1", psl.registrable("http://10.0.0.1/"));                            // IPs are not special
        assertEquals("q1", psl.registrable("Q1"));                                            // no host: the string
        assertEquals("example.com", psl.registrable("https://a.b.EXAMPLE.com/"));
        PublicSuffixList tiny = PublicSuffixList.parse(List.of("// comment", "", "com", "*.kawasaki.jp",
                "!city.kawasaki.jp  trailing words", "UPPER.test"));
        assertEquals("a.com", tiny.registrable("https://x.a.com"));
        assertEquals("x.y.kawasaki.jp", tiny.registrable("https://w.x.y.kawasaki.jp"));
        assertEquals("city.kawasaki.jp", tiny.registrable("https://www.city.kawasaki.jp"));
        assertEquals("a.upper.test", tiny.registrable("https://b.a.upper.test"));
        assertEquals("b.org", tiny.registrable("https://a.b.org"));                          // implicit rule *
    }

    @Test
    void handComputedSiteLevelFigures() throws Exception {
        Path qrels = write("qrels.tsv", """
                https://alice.github.io/post-1\thttps://www.example.co.uk/a
                https://alice.github.io/post-1\thttps://blog.example.co.uk/b
                https://alice.github.io/post-1\thttps://bob.github.io/x
                https://alice.github.io/post-1\thttps://alice.github.io/other
                https://shop.site.ck/p\thttps://www.ck/home
                https://shop.site.ck/p\thttps://shop.site.ck/other
                https://carol.github.io/t\thttps://carol.github.io/u
                https://dave.org/t\thttps://erin.net/1
                """);
        Path run = write("run.tsv", """
                https://alice.github.io/post-1\thttps://alice.github.io/z\t1\t9
                https://alice.github.io/post-1\thttps://news.foo.com/1\t2\t8
                https://alice.github.io/post-1\thttps://blog.example.co.uk/c\t3\t7
                https://alice.github.io/post-1\thttps://foo.com/2\t4\t6
                https://alice.github.io/post-1\thttps://bob.github.io/y\t5\t5
                https://shop.site.ck/p\thttps://other.site.ck/\t1\t2
                https://shop.site.ck/p\thttp://WWW.CK/about\t2\t1
                https://carol.github.io/t\thttps://dave.org/x\t1\t1
                """);
        SiteLevel.Collapsed c = SiteLevel.collapse(Run.load(run), Qrels.load(qrels), PublicSuffixList.bundled());
        // own domains dropped from run and qrels; carol's only linker is her own site, so her query is not counted
        assertEquals(Map.of("https://alice.github.io/post-1", Set.of("example.co.uk", "bob.github.io"),
                "https://shop.site.ck/p", Set.of("www.ck"), "https://dave.org/t", Set.of("erin.net")),
                c.qrels().byQuery());
        assertEquals(List.of("foo.com", "example.co.uk", "bob.github.io"),
                c.run().ranked("https://alice.github.io/post-1"));
        assertEquals(List.of("other.site.ck", "www.ck"), c.run().ranked("https://shop.site.ck/p"));
        assertEquals(List.of(), c.run().ranked("https://dave.org/t"));

        Evaluator.Result r = Evaluator.evaluate(Run.load(run), Qrels.load(qrels), Evaluator.Unit.site);
        assertEquals(3, r.queries());
        double ndcgAlice = (1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3));   // hits at site ranks 2 and 3 of 2
        double ndcgShop = 1 / log2(3);                                          // hit at site rank 2 of 1
        assertEquals(0.6934264036172708, ndcgAlice, 1e-15);
        assertEquals(ndcgAlice, r.perQuery().get("https://alice.github.io/post-1").get("ndcg@10"), 1e-12);
        assertEquals((ndcgAlice + ndcgShop + 0) / 3, r.means().get("ndcg@10"), 1e-12);
        assertEquals((0.5 + 0.5 + 0) / 3, r.means().get("mrr"), 1e-12);
        assertEquals(2.0 / 3, r.means().get("recall@10"), 1e-12);
        assertEquals("queries=3 mrr=0.3333 ndcg@10=0.4415 recall@10=0.6667 recall@100=0.6667 recall@50=0.6667",
                r.toText());
        // page level on the same files: no relevant page was ranked
        assertEquals("queries=4 mrr=0.0000 ndcg@10=0.0000 recall@10=0.0000 recall@100=0.0000 recall@50=0.0000",
                Evaluator.evaluate(Run.load(run), Qrels.load(qrels), Evaluator.Unit.page).toText());
        if (Files.isRegularFile(BENCH.resolve("eval_linkpred.py")) && EvaluatorTest.python3Available()) {
            assertEquals(r.toText(), python("--unit", "site", run.toString(), qrels.toString()));
        }
    }

    @Test
    void bundledListIsTheScriptsList() throws IOException {
        Path shared = BENCH.resolve("public_suffix_list.dat");
        assumeTrue(Files.isRegularFile(shared), "../shared/bench not present");
        try (var in = PublicSuffixList.class.getResourceAsStream(PublicSuffixList.RESOURCE)) {
            assertArrayEquals(Files.readAllBytes(shared), in.readAllBytes());
        }
    }

    /** Every URL of the blogs corpus (pages and link targets) maps to the same site as in eval_linkpred.py. */
    @Test
    void registrableAgreesWithEvalLinkpredPyOnEveryCorpusUrl() throws Exception {
        assumeTrue(Files.isRegularFile(BENCH.resolve("eval_linkpred.py")) && Files.isRegularFile(BLOGS),
                "../shared not present");
        assumeTrue(EvaluatorTest.python3Available(), "python3 not available");
        List<String> urls = new ArrayList<>(corpusUrls());
        Path in = tmp.resolve("urls.txt");
        Files.writeString(in, String.join("\n", urls) + "\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("sites.txt");
        String code = "import sys; sys.path.insert(0, sys.argv[1]); import eval_linkpred as e\n"
                + "with open(sys.argv[3], 'w', encoding='utf-8') as o:\n"
                + "    for l in open(sys.argv[2], encoding='utf-8', newline='\\n'):\n"
                + "        o.write(e.registrable(l.rstrip('\\n')) + '\\n')\n";
        Process p = new ProcessBuilder("python3", "-c", code, BENCH.toString(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), msg);
        List<String> py = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(urls.size(), py.size());
        PublicSuffixList psl = PublicSuffixList.bundled();
        int differ = 0;
        String first = null;
        for (int i = 0; i < urls.size(); i++) {
            if (!py.get(i).equals(psl.registrable(urls.get(i)))) {
                differ++;
                first = first == null ? urls.get(i) + " -> py " + py.get(i) + " java "
                        + psl.registrable(urls.get(i)) : first;
            }
        }
        assertEquals(0, differ, differ + " of " + urls.size() + " URLs differ, e.g. " + first);
        assertTrue(urls.size() > 100_000, "only " + urls.size() + " URLs");
    }

    /** Random site-level runs over real blogs URLs: the same output line as eval_linkpred.py --unit site. */
    @Test
    void agreesWithEvalLinkpredPyUnitSiteOnRealUrls() throws Exception {
        assumeTrue(Files.isRegularFile(BENCH.resolve("eval_linkpred.py")) && Files.isRegularFile(BLOGS),
                "../shared not present");
        assumeTrue(EvaluatorTest.python3Available(), "python3 not available");
        List<String> pages = pageUrls();
        List<String> targets = LinkPredSplit.readTargets(BENCH.resolve("blogs-dev-targets.txt"));
        for (long seed = 1; seed <= 4; seed++) {
            Random rnd = new Random(seed);
            StringBuilder qrels = new StringBuilder();
            StringBuilder run = new StringBuilder();
            for (int q = 0; q < targets.size(); q++) {
                String qid = targets.get(q);
                int nrel = 1 + rnd.nextInt(6);
                for (int j = 0; j < nrel; j++) {
                    // some relevant pages on the target's own site, some elsewhere
                    String u = j == 0 && q % 5 == 0 ? qid.replaceAll("/[^/]*/?$", "/about/")
                            : pages.get(rnd.nextInt(pages.size()));
                    qrels.append(qid).append('\t').append(u).append('\n');
                }
                if (q % 11 == 4) {
                    continue; // missing from the run
                }
                int len = rnd.nextInt(200);
                for (int r = 0; r < len; r++) {
                    String url = pages.get(rnd.nextInt(pages.size()));
                    int rank = r % 13 == 5 ? r - 1 : r + 1;
                    run.append(qid).append('\t').append(url).append('\t').append(rank).append('\t')
                            .append(1.0 / (r + 1)).append('\n');
                }
            }
            Path qf = write("q" + seed + ".tsv", qrels.toString());
            Path rf = write("r" + seed + ".tsv", run.toString());
            String java = Evaluator.evaluate(Run.load(rf), Qrels.load(qf), Evaluator.Unit.site).toText();
            assertEquals(python("--unit", "site", rf.toString(), qf.toString()), java, "seed " + seed);
        }
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", BENCH.resolve("eval_linkpred.py").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<String> pageUrls() throws IOException {
        List<String> out = new ArrayList<>();
        readCorpus((page, links) -> out.add(page));
        return out;
    }

    /** Distinct normalised URLs (as the scorer sees them) of every page and link of the corpus. */
    private static Set<String> corpusUrls() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        readCorpus((page, links) -> {
            out.add(EvalUrls.normalise(page));
            links.forEach(l -> out.add(EvalUrls.normalise(l)));
        });
        out.removeIf(u -> u.indexOf('\n') >= 0 || u.indexOf('\r') >= 0);
        return out;
    }

    private interface PageConsumer {
        void accept(String url, List<String> links);
    }

    private static void readCorpus(PageConsumer c) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(BLOGS)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode p = json.readTree(line);
                List<String> links = new ArrayList<>();
                p.get("links").forEach(l -> links.add(l.get("url").asText()));
                c.accept(p.get("url").asText(), links);
            }
        }
    }
}
