package io.linkscout.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timing on the link-prediction dev queries; run with
 * {@code ./mvnw -B -q test -Dtest=TopicBenchTest -Dlinkscout.nlp.bench=/tmp/linkpred-dev/queries.jsonl}.
 */
@EnabledIfSystemProperty(named = "linkscout.nlp.bench", matches = ".+")
class TopicBenchTest {

    @Test
    void bench() throws Exception {
        Path file = Path.of(System.getProperty("linkscout.nlp.bench"));
        int n = Integer.getInteger("linkscout.nlp.bench.n", 20);
        int nerMax = Integer.getInteger("linkscout.nlp.bench.ner", NlpPipeline.DEFAULT_NER_MAX_TOKENS);
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            queries.add(om.readTree(line));
            if (queries.size() == n) {
                break;
            }
        }
        long t0 = System.nanoTime();
        NlpPipeline pipeline = NlpPipeline.shared(new NlpPipeline.Options(false, nerMax)).load();
        System.out.printf("load %d ms (measured %d ms)%n", pipeline.loadMillis(), (System.nanoTime() - t0) / 1_000_000);
        TopicExtractor ex = new TopicExtractor(pipeline);
        int english = 0;
        List<String> all = Files.readAllLines(file);
        for (String line : all) {
            try {
                ContentText.convert(om.readTree(line).get("text").asText(), ContentType.PLAIN,
                        ContentText.Options.defaults());
                english++;
            } catch (io.linkscout.error.UserException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
        System.out.printf("%d of %d queries pass the English check%n", english, all.size());
        // warm-up (JIT) on other articles; -Dlinkscout.nlp.bench.warmup=N (default 5)
        for (int w = n; w < Math.min(all.size(), n + Integer.getInteger("linkscout.nlp.bench.warmup", 5)); w++) {
            ex.extract("warm", om.readTree(all.get(w)).get("text").asText(), TermStatistics.NONE, 25);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ms = new long[queries.size()];
        long[] cpu = new long[queries.size()];
        long tokens = 0;
        long totalMs = 0;
        for (int i = 0; i < queries.size(); i++) {
            JsonNode q = queries.get(i);
            ContentText.Converted c = ContentText.convert(q.get("text").asText(), ContentType.PLAIN,
                    ContentText.Options.defaults());
            long c0 = mx.getCurrentThreadCpuTime();
            TopicResult r = ex.extract(q.get("title").asText(), c.text(), TermStatistics.NONE, 10);
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
            ms[i] = r.totalMillis();
            tokens += r.tokenCount();
            totalMs += r.totalMillis();
            System.out.printf("%-28s %5d tok %4d ms cpu %4d ms (nlp %4d, ner tok %d) %s | %s%n", q.get("title").asText(),
                    r.tokenCount(), r.totalMillis(), cpu[i], r.nlpMillis(), r.nerTokenCount(),
                    r.topics().stream().map(t -> t.phrase() + (t.isEntity() ? "/" + t.kind().charAt(0) : "")).toList(),
                    r.terms(8).stream().map(WeightedTerm::term).toList());
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("p50 %d ms, p95 %d ms, max %d ms, %.0f tok/s, mean tokens %d%n",
                sorted[(sorted.length - 1) / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1],
                sorted[sorted.length - 1], tokens * 1000.0 / totalMs, tokens / sorted.length);
        long[] cs = cpu.clone();
        Arrays.sort(cs);
        long cpuTotal = Arrays.stream(cs).sum();
        System.out.printf("cpu: p50 %d ms, p95 %d ms, max %d ms, %.0f tok/s (load average %.1f)%n",
                cs[(cs.length - 1) / 2], cs[(int) Math.ceil(cs.length * 0.95) - 1], cs[cs.length - 1],
                tokens * 1000.0 / cpuTotal, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }
}
