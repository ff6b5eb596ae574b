package io.linkscout.eval;

import io.linkscout.error.UserException;
import io.linkscout.rank.Feature;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labelled candidates of one or more corpora with their raw feature values, as TSV (what {@code train --dump}
 * writes and {@code train --from-dump} reads, so models can be refitted and compared without redoing the
 * expensive feature logging):
 *
 * <pre>qid  label  total  url  corpus  feature...</pre>
 *
 * one line per candidate ({@code label} 1 when the page really links to the query's target, {@code total} the
 * query's number of relevant pages, candidates or not), a query's candidates on consecutive lines, the features
 * in the header's order (names from {@link Feature}). Values are written as floats (what the tree model uses).
 */
public final class FeatureDump {

    private static final List<String> FIXED = List.of("qid", "label", "total", "url", "corpus");

    private FeatureDump() {
    }

    /** Writes every labelled candidate of {@code corpora}. */
    public static void write(Path file, List<CrossValidation.Corpus> corpora) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join("\t", FIXED) + "\t" + String.join("\t", Feature.keys()) + "\n");
            for (CrossValidation.Corpus c : corpora) {
                for (Trainer.Example e : c.examples()) {
                    for (int i = 0; i < e.relevant().length; i++) {
                        StringBuilder sb = new StringBuilder();
                        sb.append(e.queryId()).append('\t').append(e.relevant()[i] ? 1 : 0).append('\t')
                                .append(e.relevantTotal()).append('\t').append(c.urls().apply(e.candidates().nodes()[i]))
                                .append('\t').append(c.name());
                        for (double v : e.candidates().features()[i]) {
                            sb.append('\t').append((float) v);
                        }
                        w.write(sb.append('\n').toString());
                    }
                }
            }
        }
    }

    /**
     * Reads a dump back as corpora (in the order they first appear). Node ids are the URLs' positions in sorted
     * order within each corpus, so ties are broken by URL as in a live ranking; the qrels hold each query's
     * relevant candidates plus placeholders for relevant pages that were not candidates, so recall is measured
     * against the query's full relevant set.
     */
    public static List<CrossValidation.Corpus> read(Path file) {
        List<String> header = new ArrayList<>();
        int[][] featureOf = new int[1][];
        List<Query> queries = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        Query[] cur = new Query[1];
        TextLines.read(file, "feature dump", (lineNo, line) -> {
            String[] p = line.split("\t", -1);
            if (lineNo == 1) {
                header.addAll(List.of(p));
                featureOf[0] = header(file, header);
                return;
            }
            if (line.isEmpty()) {
                return;
            }
            if (p.length != header.size()) {
                throw new UserException(file + ":" + lineNo + ": " + p.length + " fields, the header has "
                        + header.size() + " (the file is cut short or not a `train --dump` file)");
            }
            Query q = cur[0];
            if (q == null || !q.qid.equals(p[0]) || !q.corpus.equals(p[4])) {
                if (!done.add(p[4] + "\t" + p[0])) {
                    throw new UserException(file + ":" + lineNo + ": query " + p[0] + " of " + p[4] + " appears "
                            + "again after other queries (a query's candidates must be on consecutive lines)");
                }
                q = new Query(p[0], p[4], integer(file, lineNo, p[2], "total"));
                queries.add(q);
                cur[0] = q;
            }
            int label = integer(file, lineNo, p[1], "label");
            if (label != 0 && label != 1) {
                throw new UserException(file + ":" + lineNo + ": label must be 0 or 1, found " + label);
            }
            double[] f = new double[Feature.values().length];
            for (int j = 0; j < featureOf[0].length; j++) {
                String v = p[FIXED.size() + j];
                try {
                    f[featureOf[0][j]] = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UserException(file + ":" + lineNo + ": feature " + header.get(FIXED.size() + j)
                            + " is not a number: \"" + v + "\"");
                }
            }
            q.urls.add(p[3]);
            q.labels.add(label == 1);
            q.features.add(f);
        });
        if (header.isEmpty()) {
            throw new UserException(file + " is empty (write it with `train --split ... --dump FILE`)");
        }
        // per corpus: sorted URLs -> node ids
        Map<String, TreeSet<String>> urls = new LinkedHashMap<>();
        for (Query q : queries) {
            urls.computeIfAbsent(q.corpus, k -> new TreeSet<>()).addAll(q.urls);
        }
        Map<String, Map<String, Integer>> nodeOf = new HashMap<>();
        Map<String, List<String>> urlList = new HashMap<>();
        Map<String, List<Trainer.Example>> examples = new LinkedHashMap<>();
        Map<String, Map<String, Set<String>>> qrels = new LinkedHashMap<>();
        urls.forEach((c, set) -> {
            List<String> l = new ArrayList<>(set);
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < l.size(); i++) {
                m.put(l.get(i), i);
            }
            nodeOf.put(c, m);
            urlList.put(c, l);
            examples.put(c, new ArrayList<>());
            qrels.put(c, new LinkedHashMap<>());
        });
        for (Query q : queries) {
            int k = q.urls.size();
            int[] nodes = new int[k];
            boolean[] relevant = new boolean[k];
            Set<String> rel = new LinkedHashSet<>();
            for (int r = 0; r < k; r++) {
                nodes[r] = nodeOf.get(q.corpus).get(q.urls.get(r));
                relevant[r] = q.labels.get(r);
                if (relevant[r]) {
                    rel.add(q.urls.get(r));
                }
            }
            for (int m = rel.size(); m < q.total; m++) {
                rel.add("(relevant, not a candidate) " + m);
            }
            if (!rel.isEmpty()) {
                qrels.get(q.corpus).put(q.qid, rel);
            }
            examples.get(q.corpus).add(new Trainer.Example(q.qid, new Recommender.Candidates(null, new int[k], nodes,
                    q.features.toArray(new double[0][]), Map.of()), relevant, q.total, q.corpus));
        }
        List<CrossValidation.Corpus> out = new ArrayList<>();
        for (String c : urls.keySet()) {
            List<String> l = urlList.get(c);
            out.add(new CrossValidation.Corpus(c, l::get, examples.get(c), new Qrels(qrels.get(c))));
        }
        return out;
    }

    /** Checks the header; the feature (ordinal) of each feature column. */
    private static int[] header(Path file, List<String> header) {
        if (header.size() < FIXED.size() || !header.subList(0, FIXED.size()).equals(FIXED)) {
            throw new UserException(file + ":1: the header must start with " + String.join(" ", FIXED)
                    + " (write the dump again with `train --split ... --dump FILE`)");
        }
        int[] featureOf = new int[header.size() - FIXED.size()];
        Set<Feature> seen = new LinkedHashSet<>();
        for (int j = 0; j < featureOf.length; j++) {
            String key = header.get(FIXED.size() + j);
            Feature f = Feature.byKey(key);
            if (f == null || !seen.add(f)) {
                throw new UserException(file + ":1: column " + (FIXED.size() + j + 1) + " \"" + key + "\" is "
                        + (f == null ? "not a feature (known: " + String.join(", ", Feature.keys()) + ")"
                                : "a repeated feature") + "; write the dump again with this version");
            }
            featureOf[j] = f.ordinal();
        }
        if (seen.size() != Feature.values().length) {
            Set<String> missing = new TreeSet<>(Feature.keys());
            seen.forEach(f -> missing.remove(f.key));
            throw new UserException(file + ":1: features missing from the dump: " + missing
                    + " (write the dump again with this version)");
        }
        return featureOf;
    }

    /** One query's candidates while reading. */
    private static final class Query {
        final String qid;
        final String corpus;
        final int total;
        final List<String> urls = new ArrayList<>();
        final List<Boolean> labels = new ArrayList<>();
        final List<double[]> features = new ArrayList<>();

        Query(String qid, String corpus, int total) {
            this.qid = qid;
            this.corpus = corpus;
            this.total = total;
        }
    }

    private static int integer(Path file, int lineNo, String v, String what) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UserException(file + ":" + lineNo + ": " + what + " must be an integer, found \"" + v + "\"");
        }
    }
}
