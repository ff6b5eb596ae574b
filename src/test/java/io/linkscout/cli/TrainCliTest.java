package io.linkscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.eval.CrossValidation;
import io.linkscout.eval.FeatureDump;
import io.linkscout.rank.Feature;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code train --from-dump}: both model types fit from a dump with per-corpus CV and LOCO figures; bad calls. */
@QuarkusMainTest
class TrainCliTest {

    /** Two small corpora of 6 queries x 8 candidates; relevant candidates have a higher title BM25. Seed 3. */
    static Path dump(Path dir) throws Exception {
        Random r = new Random(3);
        List<CrossValidation.Corpus> corpora = new ArrayList<>();
        for (String name : List.of("wiki-dev", "blogs-dev")) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                urls.add("https://" + name + ".example/" + i);
            }
            List<Trainer.Example> ex = new ArrayList<>();
            for (int q = 0; q < 6; q++) {
                double[][] f = new double[8][Feature.values().length];
                boolean[] rel = new boolean[8];
                int[] nodes = new int[8];
                for (int i = 0; i < 8; i++) {
                    nodes[i] = i;
                    rel[i] = (i + q) % 4 == 0;
                    f[i][Feature.BM25_TITLE.ordinal()] = (rel[i] ? 2 : 0) + r.nextDouble() * 1.5;
                    f[i][Feature.BM25_TERMS.ordinal()] = r.nextDouble();
                }
                ex.add(new Trainer.Example(name + "-q" + q, new Recommender.Candidates(null, new int[8], nodes, f,
                        Map.of()), rel, 2, name));
            }
            corpora.add(new CrossValidation.Corpus(name, urls::get, ex, null));
        }
        Path f = dir.resolve("dump.tsv");
        FeatureDump.write(f, corpora);
        return f;
    }

    @Test
    void fitsBothModelTypesFromADump(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-train-cli").toAbsolutePath());
        Path dump = dump(dir);
        Path trees = dir.resolve("trees.json");
        LaunchResult r = launcher.launch("train", "--from-dump", dump.toString(), "--type", "lambdamart", "--trees",
                "10", "--depth", "2", "--folds", "3", "--out", trees.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        for (String line : List.of("cross-validated (3 folds) wiki-dev: queries=6", "cross-validated (3 folds) "
                + "blogs-dev: queries=6", "leave-one-corpus-out, trained without wiki-dev, scored on it: queries=6",
                "trained on all, scored on the same queries of blogs-dev: queries=6", "wrote " + trees)) {
            assertTrue(r.getOutput().contains(line), line + " in:\n" + r.getOutput());
        }
        assertTrue(r.getErrorOutput().contains("seed 42;"), r.getErrorOutput());
        RankerModel m = RankerModel.load(trees);
        assertTrue(m.isTrees());
        assertEquals("train --split wiki-dev,blogs-dev --type lambdamart --trees 10 --depth 2 --learning-rate 0.1 "
                + "--min-child-weight 1.0 --seed 42", m.trained().get("command"));
        assertTrue(((Map<?, ?>) m.trained().get("leave_one_corpus_out")).containsKey("blogs-dev"));
        // the same command again: the same file, byte for byte
        byte[] first = Files.readAllBytes(trees);
        assertEquals(0, launcher.launch("train", "--from-dump", dump.toString(), "--type", "lambdamart", "--trees",
                "10", "--depth", "2", "--folds", "3", "--out", trees.toString()).exitCode());
        assertArrayEquals(first, Files.readAllBytes(trees));

        // trees boosted from the linear model: the file keeps both, the command says how it was made
        Path boosted = dir.resolve("boosted.json");
        LaunchResult b = launcher.launch("train", "--from-dump", dump.toString(), "--type", "boosted", "--trees", "10",
                "--depth", "2", "--folds", "3", "--out", boosted.toString());
        assertEquals(0, b.exitCode(), b.getOutput() + b.getErrorOutput());
        assertTrue(b.getOutput().contains("leave-one-corpus-out, trained without blogs-dev, scored on it: queries=6"),
                b.getOutput());
        RankerModel bm = RankerModel.load(boosted);
        assertTrue(bm.isBoosted());
        assertEquals("train --split wiki-dev,blogs-dev --type boosted --trees 10 --depth 2 --learning-rate 0.1 "
                + "--min-child-weight 1.0 --seed 42", bm.trained().get("command"));

        // corpus weights for the boosted model's linear part: recorded in its linear block and in the command, and
        // a refit of the model's kind (LambdaMart.of, as the benchmark's ablation does) uses them again
        Path weighted = dir.resolve("boosted-weighted.json");
        LaunchResult bw = launcher.launch("train", "--from-dump", dump.toString(), "--type", "boosted", "--trees", "10",
                "--depth", "2", "--folds", "3", "--corpus-weight", "wiki-dev=3", "--out", weighted.toString());
        assertEquals(0, bw.exitCode(), bw.getOutput() + bw.getErrorOutput());
        RankerModel bwm = RankerModel.load(weighted);
        assertTrue(bwm.isBoosted());
        assertEquals("train --split wiki-dev,blogs-dev --type boosted --trees 10 --depth 2 --learning-rate 0.1 "
                + "--min-child-weight 1.0 --seed 42 --corpus-weight wiki-dev=3.0", bwm.trained().get("command"));
        assertEquals(Map.of("wiki-dev", 3.0), ((Map<?, ?>) bwm.trained().get("linear")).get("corpus_weight"));
        assertEquals(Map.of("wiki-dev", 3.0), io.linkscout.rank.LambdaMart.of(bwm).base().corpusWeights());
        assertEquals(Map.of(), io.linkscout.rank.LambdaMart.of(bm).base().corpusWeights());

        Path linear = dir.resolve("linear.json");
        LaunchResult l = launcher.launch("train", "--from-dump", dump.toString(), "--folds", "3", "--corpus-weight",
                "wiki-dev=2", "--out", linear.toString());
        assertEquals(0, l.exitCode(), l.getOutput() + l.getErrorOutput());
        RankerModel lm = RankerModel.load(linear);
        assertTrue(!lm.isTrees());
        assertEquals("train --split wiki-dev,blogs-dev --seed 42 --corpus-weight wiki-dev=2.0",
                lm.trained().get("command"));
        assertEquals(Map.of("wiki-dev", 2.0), lm.trained().get("corpus_weight"));
    }

    @Test
    void badCorpusWeightsAreClearErrors(QuarkusMainLauncher launcher) throws Exception {
        Path dump = dump(Files.createDirectories(Path.of("target", "test-train-cli-weights").toAbsolutePath()));
        for (String[] bad : new String[][] {
                {"nope=2", "--corpus-weight: unknown corpus \"nope\" (corpora: wiki-dev, blogs-dev)"},
                {"wiki-dev=0", "--corpus-weight wiki-dev=0: the weight must be a finite number > 0, e.g. wiki-dev=2"},
                {"wiki-dev=x", "--corpus-weight wiki-dev=x: the weight must be a finite number > 0"}}) {
            LaunchResult r = launcher.launch("train", "--from-dump", dump.toString(), "--corpus-weight", bad[0]);
            assertEquals(2, r.exitCode(), bad[0]);
            assertTrue(r.getErrorOutput().contains(bad[1]), r.getErrorOutput());
        }
        LaunchResult trees = launcher.launch("train", "--from-dump", dump.toString(), "--type", "lambdamart",
                "--corpus-weight", "wiki-dev=2");
        assertEquals(2, trees.exitCode());
        assertTrue(trees.getErrorOutput().contains("--corpus-weight goes with --type linear or boosted"),
                trees.getErrorOutput());
        for (String[] bad : new String[][] {
                {"--type", "boosted", "--tree-weight", "nope=2",
                        "--tree-weight: unknown corpus \"nope\" (corpora: wiki-dev, blogs-dev)"},
                {"--type", "boosted", "--tree-weight", "wiki-dev=-1",
                        "--tree-weight wiki-dev=-1: the weight must be a finite number > 0, e.g. wiki-dev=2"},
                {"--type", "linear", "--tree-weight", "wiki-dev=2",
                        "--tree-weight goes with --type boosted or lambdamart (it weighs the trees' fit)"},
                {"--type", "lambdamart", "--trees-also", "in_degree",
                        "--trees-also goes with --type boosted (features the trees may use beside the linear"},
                {"--type", "boosted", "--trees-also", "nope",
                        "--trees-also: unknown feature \"nope\" (features: "}}) {
            LaunchResult r = launcher.launch("train", "--from-dump", dump.toString(), bad[0], bad[1], bad[2], bad[3]);
            assertEquals(2, r.exitCode(), String.join(" ", bad));
            assertTrue(r.getErrorOutput().contains(bad[4]), r.getErrorOutput());
        }
    }

    @Test
    void badCallsAreClearErrors(QuarkusMainLauncher launcher) {
        LaunchResult none = launcher.launch("train");
        assertEquals(2, none.exitCode());
        assertTrue(none.getErrorOutput().contains("give either --split DIR[,DIR...] (dev splits) or --from-dump FILE"),
                none.getErrorOutput());
        LaunchResult missing = launcher.launch("train", "--from-dump", "target/no-such-dump.tsv");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("feature dump file not found: target/no-such-dump.tsv"),
                missing.getErrorOutput());
    }
}
