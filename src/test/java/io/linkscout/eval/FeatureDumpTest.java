package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.linkscout.error.UserException;
import io.linkscout.rank.Feature;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dump} / {@code --from-dump}: the labelled candidates survive the round trip, errors name the line. */
class FeatureDumpTest {

    static double[] row(double title) {
        double[] f = new double[Feature.values().length];
        f[Feature.BM25_TITLE.ordinal()] = title;
        return f;
    }

    @Test
    void writeThenReadGivesTheSameQueriesAndFigures(@TempDir Path dir) throws Exception {
        List<String> urlsA = List.of("https://a.example/1", "https://a.example/2", "https://a.example/3");
        // query qa: 3 candidates (nodes 2, 0, 1), the one with node 0 relevant, 3 relevant pages in all
        Trainer.Example qa = new Trainer.Example("qa", new Recommender.Candidates(null, new int[3],
                new int[] {2, 0, 1}, new double[][] {row(3.25), row(1.5), row(0)}, Map.of()),
                new boolean[] {false, true, false}, 3, "wiki-dev");
        Trainer.Example qb = new Trainer.Example("qb", new Recommender.Candidates(null, new int[1],
                new int[] {1}, new double[][] {row(2)}, Map.of()), new boolean[] {true}, 1, "blogs-dev");
        List<String> urlsB = List.of("https://b.example/x", "https://b.example/y");
        CrossValidation.Corpus a = new CrossValidation.Corpus("wiki-dev", urlsA::get, List.of(qa), null);
        CrossValidation.Corpus b = new CrossValidation.Corpus("blogs-dev", urlsB::get, List.of(qb), null);
        Path f = dir.resolve("dump.tsv");
        FeatureDump.write(f, List.of(a, b));
        List<CrossValidation.Corpus> back = FeatureDump.read(f);
        assertEquals(List.of("wiki-dev", "blogs-dev"), back.stream().map(CrossValidation.Corpus::name).toList());
        Trainer.Example ra = back.get(0).examples().get(0);
        assertEquals("qa", ra.queryId());
        assertEquals(3, ra.relevantTotal());
        assertArrayEquals(new boolean[] {false, true, false}, ra.relevant());
        // node ids are the URLs' positions in sorted order within the corpus (only candidates are known)
        assertArrayEquals(new int[] {2, 0, 1}, ra.candidates().nodes());
        assertEquals("https://a.example/3", back.get(0).urls().apply(2));
        assertArrayEquals(row(3.25), ra.candidates().features()[0]);
        assertEquals("https://b.example/y", back.get(1).urls().apply(0));
        // a model ranking by title BM25 puts the relevant page second of three; 1 of 3 relevant pages found:
        // nDCG@10 = (1/log2 3) / (1 + 1/log2 3 + 1/2), recall@100 = 1/3
        RankerModel byTitle = new RankerModel("t", List.of(new RankerModel.Term(Feature.BM25_TITLE, false, 0, 1, 1)),
                300, Map.of());
        Map<String, Double> m = CrossValidation.score(back.get(0), byTitle).means();
        double d2 = 1 / (Math.log(3) / Math.log(2));
        assertEquals(d2 / (1 + d2 + 0.5), m.get(Evaluator.NDCG_10), 1e-9);
        assertEquals(1.0 / 3, m.get(Evaluator.RECALL_100), 1e-9);
        assertEquals(1.0, CrossValidation.score(back.get(1), byTitle).means().get(Evaluator.RECALL_100), 1e-9);
    }

    @Test
    void aBrokenDumpNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.tsv");
        String header = "qid\tlabel\ttotal\turl\tcorpus\t" + String.join("\t", Feature.keys()) + "\n";
        String zeros = "\t0".repeat(Feature.values().length);
        Files.writeString(f, header + "q1\t1\t1\thttps://x.example/\tc" + zeros + "\nq1\t2\t1\thttps://y.example/\tc"
                + zeros + "\n");
        assertEquals(f + ":3: label must be 0 or 1, found 2",
                assertThrows(UserException.class, () -> FeatureDump.read(f)).getMessage());
        Files.writeString(f, header + "q1\t1\t1\thttps://x.example/\tc\t0\n");
        assertEquals(f + ":2: 6 fields, the header has " + (5 + Feature.values().length) + " (the file is cut short "
                + "or not a `train --dump` file)", assertThrows(UserException.class, () -> FeatureDump.read(f))
                .getMessage());
        Files.writeString(f, "qid\tlabel\ttotal\turl\t" + String.join("\t", Feature.keys()) + "\n");
        assertEquals(f + ":1: the header must start with qid label total url corpus (write the dump again with "
                + "`train --split ... --dump FILE`)", assertThrows(UserException.class, () -> FeatureDump.read(f))
                .getMessage());
    }
}
