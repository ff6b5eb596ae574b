package io.linkscout.cli.bench;

import io.linkscout.ingest.JsonLines;
import io.linkscout.error.UserException;
import io.linkscout.rank.BatchRunner;
import io.linkscout.eval.KeyphraseEval;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.nlp.BackgroundFrequencies;
import io.linkscout.nlp.NlpPipeline;
import io.linkscout.nlp.TermStatistics;
import io.linkscout.nlp.Topic;
import io.linkscout.nlp.TopicExtractor;
import io.linkscout.nlp.TopicResult;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench keyphrases}: the topics of every document of a keyphrase set, scored like eval_keyphrases.py. */
@Command(name = "keyphrases", mixinStandardHelpOptions = true,
        description = "Extract the topics of every document of DOCS.jsonl ({\"id\", \"title\", \"text\"} a line) "
                + "in one JVM; with --predictions write them as doc_id<TAB>rank<TAB>keyphrase; with --gold score "
                + "them exactly like ../shared/bench/eval_keyphrases.py (Porter-stemmed exact match, macro F1@5/@10, "
                + "per id prefix too). Prints CPU and wall time per document (p50/p95).")
public class BenchKeyphrasesCommand implements Callable<Integer> {

    @Option(names = "--docs", required = true, paramLabel = "DOCS.jsonl", description = "The documents.")
    Path docs;

    @Option(names = "--gold", paramLabel = "GOLD.jsonl", description = "Gold keyphrases to score against.")
    Path gold;

    @Option(names = "--predictions", paramLabel = "PRED.tsv", description = "Write the ranked topics here.")
    Path predictions;

    @Option(names = "--top", defaultValue = "10", description = "Topics per document (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--index", paramLabel = "DIR", description = "Take idf from this index (default: none, "
            + "term frequency and position only).")
    Path index;

    @Option(names = "--candidates", paramLabel = "FILE.jsonl", description = "Write every candidate topic of "
            + "each document with the raw features of its weight (one JSON line a document; for fitting; word "
            + "document frequencies from the bundled background table).")
    Path candidates;

    @Option(names = "--no-check", description = "Print the figures without checking them against "
            + "bench/expected.json.")
    boolean noCheck;

    /** The dev set bench/expected.json describes (family keyphrases-dev/), relative to the repository root. */
    static final Path DEV_GOLD = Path.of("../shared/data/keyphrase-dev/gold.jsonl");
    public static final String BENCHMARK = "keyphrases-dev/";

    @Override
    public Integer call() throws Exception {
        if (top < 1 || top > 100) {
            throw new UserException("--top must be between 1 and 100, got " + top);
        }
        List<Doc> ds = readDocs(docs);
        NlpPipeline pipeline = NlpPipeline.shared().load();
        List<List<TopicExtractor.Candidate>> seen = new ArrayList<>();
        TopicExtractor ex = candidates == null ? new TopicExtractor(pipeline)
                : new TopicExtractor(pipeline).withCandidateSink(seen::add);
        Writer candidateOut = candidates == null ? null : Files.newBufferedWriter(candidates, StandardCharsets.UTF_8);
        LinkScoutIndex idx = index == null ? null : LinkScoutIndex.open(new IndexLayout(index));
        try {
            TermStatistics stats = idx == null ? TermStatistics.NONE : io.linkscout.search.BackendTermStatistics.of(idx);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, List<String>> predicted = new LinkedHashMap<>();
            long[] cpu = new long[ds.size()];
            long[] wall = new long[ds.size()];
            long words = 0;
            for (int i = 0; i < ds.size(); i++) {
                Doc d = ds.get(i);
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                TopicResult r = ex.extract(d.title(), d.text(), stats, top);
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                wall[i] = System.nanoTime() - w0;
                words += r.tokenCount();
                predicted.put(d.id(), r.topics().stream().map(Topic::phrase).toList());
                if (candidateOut != null) {
                    writeCandidates(candidateOut, d.id(), r, seen.getLast());
                    seen.clear();
                }
            }
            if (candidateOut != null) {
                candidateOut.close();
            }
            if (predictions != null) {
                try (Writer w = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
                    for (Map.Entry<String, List<String>> e : predicted.entrySet()) {
                        for (int k = 0; k < e.getValue().size(); k++) {
                            w.write(e.getKey() + "\t" + (k + 1) + "\t" + e.getValue().get(k) + "\n");
                        }
                    }
                }
            }
            System.out.printf("keyphrases: %d documents (%d tokens), idf %s, pipeline loaded in %d ms%n", ds.size(),
                    words, idx == null ? "none" : index, pipeline.loadMillis());
            System.out.printf("per document: CPU p50 %.1f ms, p95 %.1f ms; wall p50 %.1f ms, p95 %.1f ms%n",
                    ms(cpu, 50), ms(cpu, 95), ms(wall, 50), ms(wall, 95));
            if (gold == null) {
                return 0;
            }
            KeyphraseEval eval = new KeyphraseEval();
            Map<String, List<Set<String>>> g = eval.loadGold(gold);
            print("all", eval.evaluate(g, predicted, 5, 10));
            Map<String, Map<String, Double>> measured = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, List<Set<String>>>> e : bySubset(g).entrySet()) {
                KeyphraseEval.Summary s = eval.evaluate(e.getValue(), predicted, 5, 10);
                print(e.getKey(), s);
                measured.put(BENCHMARK + e.getKey(), metrics(s));
            }
            for (Map.Entry<String, Map<String, List<Set<String>>>> e : bySubset(g).entrySet()) {
                Map<String, List<Set<String>>> multi = multiWord(e.getValue());
                KeyphraseEval.Summary s = eval.evaluate(multi, predicted, 5, 10);
                print(e.getKey() + "-mw", s);
                measured.put(BENCHMARK + e.getKey() + "-multiword", metrics(s));
            }
            if (noCheck) {
                return 0;
            }
            if (!gold.toAbsolutePath().normalize().equals(DEV_GOLD.toAbsolutePath().normalize()) || index != null
                    || top != 10) {
                System.out.println("check skipped: bench/expected.json describes " + DEV_GOLD + " with --top 10 and "
                        + "no --index");
                return 0;
            }
            io.linkscout.eval.ExpectedFigures expected = io.linkscout.eval.ExpectedFigures.loadDefault();
            boolean ok = true;
            for (Map.Entry<String, Map<String, Double>> e : measured.entrySet()) {
                ok &= expected.verify(e.getKey(), e.getValue(), System.out::println);
            }
            return ok ? 0 : 1;
        } finally {
            if (idx != null) {
                idx.close();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void writeCandidates(Writer out, String id, TopicResult r, List<TopicExtractor.Candidate> cs)
            throws IOException {
        BackgroundFrequencies bg = BackgroundFrequencies.bundled();
        var doc = JSON.createObjectNode();
        doc.put("id", id).put("tokens", r.tokenCount()).put("sentences", r.sentenceCount()).put("bgDocs", bg.numDocs());
        var arr = doc.putArray("c");
        for (TopicExtractor.Candidate c : cs) {
            TopicExtractor.Features x = c.features();
            var o = arr.addObject();
            o.put("p", c.topic().phrase()).put("k", x.kind()).put("n", x.count()).put("wh", x.whole())
                    .put("f", x.first()).put("ps", x.positionSum()).put("t", x.inTitle()).put("ac", x.allCaps())
                    .put("w", c.topic().weight());
            var ws = o.putArray("lw");
            x.lowerWords().forEach(ws::add);
            var cw = o.putArray("cw");
            var df = o.putArray("df");
            for (String w : TopicExtractor.contentWords(x.lowerWords())) {
                cw.add(w);
                df.add(bg.docFreq(w));
            }
            o.put("pdf", bg.phraseDocFreq(x.lowerWords()));
            var wc = o.putArray("wc");
            c.wordCounts().forEach(wc::add);
            var sents = o.putArray("s");
            c.topic().mentions().forEach(m -> sents.add(m.sentence()));
        }
        out.write(JSON.writeValueAsString(doc));
        out.write("\n");
    }

    /** The figures as bench/expected.json names them (fractions, 4 decimals). */
    public static Map<String, Double> metrics(KeyphraseEval.Summary s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("f1@5", Math.round(s.at(5).f1() * 10_000) / 10_000.0);
        m.put("f1@10", Math.round(s.at(10).f1() * 10_000) / 10_000.0);
        return m;
    }

    private static void print(String name, KeyphraseEval.Summary s) {
        System.out.printf("%-10s docs %4d  F1@5 %5.2f  F1@10 %5.2f  (P@10 %5.2f R@10 %5.2f)%n", name, s.docs(),
                100 * s.at(5).f1(), 100 * s.at(10).f1(), 100 * s.at(10).precision(), 100 * s.at(10).recall());
    }

    /**
     * Each document's multi-word gold phrases only (a gold phrase counts when one of its variants has two or more
     * words); documents without any are left out. On news stories this is the DUC-2001 estimate: DUC's gold is a few
     * two- or three-word phrases a story, the crowd gold of the dev news stories mostly single words
     * ({@code models/topic_fit.py} scores it the same way).
     */
    static Map<String, List<Set<String>>> multiWord(Map<String, List<Set<String>>> gold) {
        Map<String, List<Set<String>>> out = new TreeMap<>();
        gold.forEach((id, phrases) -> {
            List<Set<String>> m = phrases.stream().filter(v -> v.stream().anyMatch(p -> p.contains(" "))).toList();
            if (!m.isEmpty()) {
                out.put(id, m);
            }
        });
        return out;
    }

    /** Gold documents grouped by the id prefix before the first '-' ({@code inspec-15} → {@code inspec}). */
    static Map<String, Map<String, List<Set<String>>>> bySubset(Map<String, List<Set<String>>> gold) {
        Map<String, Map<String, List<Set<String>>>> out = new TreeMap<>();
        gold.forEach((id, g) -> out.computeIfAbsent(id.contains("-") ? id.substring(0, id.indexOf('-')) : id,
                k -> new TreeMap<>()).put(id, g));
        return out;
    }

    /** The p-th percentile (nearest rank) of nanosecond times, in milliseconds. */
    private static double ms(long[] nanos, int p) {
        return BatchRunner.pct(Arrays.stream(nanos).asDoubleStream().toArray(), p) / 1e6;
    }

    record Doc(String id, String title, String text) {
    }

    static List<Doc> readDocs(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("documents not found: " + file + " (give --docs DOCS.jsonl, e.g. "
                    + "../shared/data/keyphrase-dev/docs.jsonl)");
        }
        List<Doc> out = new ArrayList<>();
        try {
            JsonLines.forEachNode(file, (ln, d) -> {
                if (!d.hasNonNull("id") || !d.hasNonNull("text")) {
                    throw new UserException(file + ":" + ln + ": a document needs \"id\" and \"text\" fields");
                }
                out.add(new Doc(d.get("id").asText(), d.path("title").asText(""), d.get("text").asText()));
            });
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }
}
