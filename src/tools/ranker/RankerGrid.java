package io.linkscout.rank;

import io.linkscout.eval.CrossValidation;
import io.linkscout.eval.Evaluator;
import io.linkscout.eval.FeatureDump;
import io.linkscout.eval.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Offline grid over boosted-ranker settings on a {@code train --dump} file, with the real classes ({@link Trainer},
 * XGBoost as in {@link LambdaMart}, {@link Recommender#rank}, {@link Evaluator}) and the same evaluation as
 * {@code train}: 5-fold cross-validation (fold = query position mod 5 in its corpus, folds of all corpora held out
 * together) and leave-one-corpus-out. Not bundled; a research tool. The linear part of each split is fitted once per
 * feature set and cached on disk, so a tree setting costs only its 7 tree fits.
 *
 * <pre>
 * javac -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' -d /tmp/grid src/tools/ranker/RankerGrid.java
 * java -cp '/tmp/grid:target/quarkus-app/app/*:target/quarkus-app/lib/main/*' io.linkscout.rank.RankerGrid \
 *     DUMP SPECS CACHE_DIR
 * </pre>
 * SPECS: one variant a line, {@code key=value} tokens: {@code name=}, {@code lin=} and {@code tree=} (feature sets:
 * {@code base} = every feature but similar_links, in_degree, authority, spam, page_topics; {@code base+f1+f2}
 * adds, {@code none} = no part), {@code trees= depth= eta= mcw=}, {@code x.PARAM=VALUE} (any other XGBoost
 * parameter), {@code tw=W} (Wikispeedia's query groups weigh W in the trees' fit, as {@code train --tree-weight
 * wiki-dev=W}), {@code cw=CORPUS:W} (corpus weight of the linear part, as {@code --corpus-weight}),
 * {@code only=REGEX} (only the matching splits: {@code fold0}..{@code fold4}, {@code loco-CORPUS}) and
 * {@code mod=NAME[,NAME]} (experimental per-query columns written into the spam and authority columns, which no
 * shipped model uses; list {@code +spam} / {@code +authority} in {@code tree=} to use them: see {@link #column}).
 * Prints one line per variant: CV and leave-one-corpus-out nDCG@10/recall@100 and MRR per corpus. Needs JDK 25's javac.
 */
public final class RankerGrid {

    static final Set<Feature> DROPPED = EnumSet.of(Feature.SIMILAR_LINKS, Feature.IN_DEGREE, Feature.AUTHORITY,
            Feature.SPAM, Feature.PAGE_TOPICS);

    record Split(String name, List<Trainer.Example> train, List<Trainer.Example> held) {
    }

    static Set<Feature> features(String spec) {
        if (spec.equals("none")) {
            return EnumSet.noneOf(Feature.class);
        }
        String[] p = spec.split("\\+|(?=-)"); // base+f1-f2: "+f" adds, "-f" removes
        EnumSet<Feature> out = EnumSet.allOf(Feature.class);
        out.removeAll(DROPPED);
        if (!p[0].equals("base")) {
            throw new IllegalArgumentException("feature set must start with base or be none: " + spec);
        }
        for (int i = 1; i < p.length; i++) {
            boolean minus = p[i].startsWith("-");
            Feature f = Feature.byKey(minus ? p[i].substring(1) : p[i]);
            if (f == null) {
                throw new IllegalArgumentException("unknown feature " + p[i]);
            }
            if (minus) {
                out.remove(f);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        List<CrossValidation.Corpus> corpora = FeatureDump.read(Path.of(args[0]));
        Path cache = Path.of(args[2]);
        Files.createDirectories(cache);
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String tok : line.split("\\s+")) {
                int eq = tok.indexOf('=');
                kv.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
            long t0 = System.currentTimeMillis();
            String out = run(corpora, kv, cache);
            System.out.printf(Locale.ROOT, "%s\t%s\t%ds%n", kv.getOrDefault("name", line), out,
                    (System.currentTimeMillis() - t0) / 1000);
            System.out.flush();
        }
    }

    static List<CrossValidation.Corpus> mod(List<CrossValidation.Corpus> corpora, String mod) {
        if (mod == null) {
            return corpora;
        }
        List<CrossValidation.Corpus> out = new ArrayList<>();
        for (CrossValidation.Corpus c : corpora) {
            List<Trainer.Example> ex = new ArrayList<>();
            for (Trainer.Example e : c.examples()) {
                double[][] f = e.candidates().features();
                double[][] g = new double[f.length][];
                for (int i = 0; i < f.length; i++) {
                    g[i] = f[i].clone();
                }
                String[] ms = mod.split(",");
                for (int k = 0; k < ms.length; k++) {
                    column(ms[k], c, e, g, k == 0 ? Feature.SPAM : Feature.AUTHORITY);
                }
                Recommender.Candidates cc = e.candidates();
                ex.add(new Trainer.Example(e.queryId(), new Recommender.Candidates(cc.query(), cc.docs(), cc.nodes(), g,
                        cc.named()), e.relevant(), e.relevantTotal(), e.corpus()));
            }
            out.add(new CrossValidation.Corpus(c.name(), c.urls(), ex, c.qrels()));
        }
        return out;
    }

    /** An experimental per-query column written into {@code into} (a column no shipped model uses). */
    static void column(String mod, CrossValidation.Corpus c, Trainer.Example e, double[][] g, Feature into) {
        int n = g.length;
        int o = into.ordinal();
        switch (mod) {
            case "div" -> { // distinct hosts among the query's candidates (the pool's site diversity), ln
                Set<String> hosts = new java.util.HashSet<>();
                for (int node : e.candidates().nodes()) {
                    hosts.add(host(c.urls().apply(node)));
                }
                for (double[] r : g) {
                    r[o] = Math.log(hosts.size());
                }
            }
            case "own" -> { // share of the query's candidates on the content's own host
                String own = host(e.queryId());
                int same = 0;
                for (int node : e.candidates().nodes()) {
                    if (host(c.urls().apply(node)).equals(own)) {
                        same++;
                    }
                }
                for (double[] r : g) {
                    r[o] = n > 0 ? (double) same / n : 0;
                }
            }
            default -> {
                if (mod.startsWith("f:")) { // a per-page column from a file: URL TAB value (missing: 0)
                    Map<String, Double> col = FILE_COLUMNS.computeIfAbsent(mod.substring(2), RankerGrid::readColumn);
                    int[] nodes = e.candidates().nodes();
                    for (int i = 0; i < n; i++) {
                        String u = c.urls().apply(nodes[i]);
                        Double v = col.get(e.queryId() + "\t" + u); // a per-(query, page) value wins
                        g[i][o] = v != null ? v : col.getOrDefault(u, 0.0);
                    }
                    return;
                }
                // rank percentile (1 = best) or z-score of a raw feature within the query: rFEATURE / zFEATURE
                Feature f = Feature.byKey(mod.substring(1));
                if (f == null) {
                    throw new IllegalArgumentException("unknown mod " + mod);
                }
                int j = f.ordinal();
                if (mod.charAt(0) == 'z') {
                    double sum = 0;
                    double sq = 0;
                    for (double[] r : g) {
                        double x = Math.log1p(Math.max(0, r[j]));
                        sum += x;
                        sq += x * x;
                    }
                    double mean = sum / n;
                    double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
                    for (double[] r : g) {
                        r[o] = sd > 1e-9 ? (Math.log1p(Math.max(0, r[j])) - mean) / sd : 0;
                    }
                } else {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = g[i][j];
                    }
                    for (int i = 0; i < n; i++) {
                        int above = 0;
                        for (int k = 0; k < n; k++) {
                            if (v[k] > v[i]) {
                                above++;
                            }
                        }
                        g[i][o] = n > 1 ? 1.0 - (double) above / (n - 1) : 1.0;
                    }
                }
            }
        }
    }

    static final Map<String, Map<String, Double>> FILE_COLUMNS = new java.util.concurrent.ConcurrentHashMap<>();

    static Map<String, Double> readColumn(String file) {
        Map<String, Double> out = new java.util.HashMap<>();
        try {
            for (String l : Files.readAllLines(Path.of(file))) {
                String[] p = l.split("\t");
                if (p.length >= 3 && p[0].startsWith("q:")) { // q:QUERY TAB URL TAB value
                    out.put(p[0].substring(2) + "\t" + p[1], Double.parseDouble(p[2]));
                } else {
                    out.put(p[0], Double.parseDouble(p[1]));
                }
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return out;
    }

    static String host(String url) {
        String h = url.replaceFirst("^[a-z]+://", "");
        int slash = h.indexOf('/');
        h = slash < 0 ? h : h.substring(0, slash);
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    static String run(List<CrossValidation.Corpus> corpora0, Map<String, String> kv, Path cache) throws Exception {
        String modName = kv.get("mod");
        List<CrossValidation.Corpus> corpora = mod(corpora0, modName);
        Set<Feature> lin = features(kv.getOrDefault("lin", "base"));
        Set<Feature> tree = features(kv.getOrDefault("tree", "base"));
        int trees = Integer.parseInt(kv.getOrDefault("trees", "100"));
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            List<Trainer.Example> train = new ArrayList<>();
            List<Trainer.Example> held = new ArrayList<>();
            for (CrossValidation.Corpus c : corpora) {
                for (int i = 0; i < c.examples().size(); i++) {
                    (i % 5 != f ? train : held).add(c.examples().get(i));
                }
            }
            splits.add(new Split("fold" + f, train, held));
        }
        for (CrossValidation.Corpus h : corpora) {
            List<Trainer.Example> train = new ArrayList<>();
            for (CrossValidation.Corpus c : corpora) {
                if (c != h) {
                    train.addAll(c.examples());
                }
            }
            splits.add(new Split("loco-" + h.name(), train, h.examples()));
        }
        String linKey = kv.getOrDefault("lin", "base") + (modName != null && lin.contains(Feature.SPAM) ? "-" + modName
                : "") + (kv.containsKey("cw") ? "-cw" + kv.get("cw") : "");
        Map<String, List<Run.Entry>> cvEntries = new LinkedHashMap<>();
        Map<String, List<Run.Entry>> locoEntries = new LinkedHashMap<>();
        Map<String, CrossValidation.Corpus> byName = new LinkedHashMap<>();
        for (CrossValidation.Corpus c : corpora) {
            cvEntries.put(c.name(), new ArrayList<>());
            locoEntries.put(c.name(), new ArrayList<>());
            byName.put(c.name(), c);
        }
        List<Split> todo = kv.containsKey("only") ? splits.stream().filter(s -> s.name().matches(kv.get("only")))
                .toList() : splits;
        for (Split s : todo) {
            RankerModel linear = null;
            if (!lin.isEmpty()) {
                Path file = cache.resolve(linKey + "-" + s.name() + ".json");
                if (Files.exists(file)) {
                    linear = RankerModel.load(file);
                } else {
                    Trainer t = Trainer.defaults();
                    if (kv.containsKey("cw")) {
                        String[] p = kv.get("cw").split(":");
                        t = t.withCorpusWeights(Map.of(p[0], Double.parseDouble(p[1])));
                    }
                    linear = t.fit(s.train(), lin, 300, Map.of());
                    linear.write(file);
                }
            }
            RankerModel model = linear;
            if (trees > 0 && !tree.isEmpty()) {
                model = fitTrees(s.train(), linear, tree, kv);
            }
            for (Trainer.Example e : s.held()) {
                Recommender.Ranked r = Recommender.rank(e.candidates(), model);
                CrossValidation.Corpus c = byName.get(e.corpus());
                List<Run.Entry> target = (s.name().startsWith("fold") ? cvEntries : locoEntries).get(e.corpus());
                for (int i = 0; i < Math.min(100, r.size()); i++) {
                    target.add(new Run.Entry(e.queryId(), c.urls().apply(r.nodes()[i]), i + 1));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String what : List.of("cv", "loco")) {
            for (CrossValidation.Corpus c : corpora) {
                List<Run.Entry> en = (what.equals("cv") ? cvEntries : locoEntries).get(c.name());
                if (en.isEmpty()) {
                    sb.append("\t-");
                    continue;
                }
                Evaluator.Result r = Evaluator.evaluate(Run.of(en), c.qrels());
                sb.append(String.format(Locale.ROOT, "\t%s %s %.4f/%.4f mrr %.4f", what, c.name(),
                        r.means().get(Evaluator.NDCG_10), r.means().get(Evaluator.RECALL_100),
                        r.means().get(Evaluator.MRR)));
            }
        }
        return sb.toString();
    }

    static RankerModel fitTrees(List<Trainer.Example> examples, RankerModel linear, Set<Feature> features,
            Map<String, String> kv) throws Exception {
        List<Feature> fs = new ArrayList<>(new java.util.TreeSet<>(features));
        List<double[]> rows = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<Float> groupWeights = new ArrayList<>();
        for (Trainer.Example ex : examples) {
            double[][] f = ex.candidates().features();
            if (f.length == 0) {
                continue;
            }
            groupWeights.add(ex.corpus().startsWith("wiki") ? Float.parseFloat(kv.getOrDefault("tw", "1")) : 1f);
            for (int i = 0; i < f.length; i++) {
                rows.add(f[i]);
                labels.add(ex.relevant()[i] ? 1f : 0f);
            }
            groups.add(f.length);
        }
        double[][] raw = rows.toArray(new double[0][]);
        float[] y = new float[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        LambdaMart lm = new LambdaMart(Integer.parseInt(kv.getOrDefault("trees", "100")),
                Integer.parseInt(kv.getOrDefault("depth", "4")), Double.parseDouble(kv.getOrDefault("eta", "0.1")),
                Double.parseDouble(kv.getOrDefault("mcw", "5")), 42);
        Map<String, Object> params = new TreeMap<>(lm.params(fs));
        kv.forEach((k, v) -> {
            if (k.startsWith("x.")) {
                params.put(k.substring(2), v);
            }
        });
        DMatrix m = TreeEnsemble.dmatrix(fs, raw);
        m.setLabel(y);
        if (linear != null) {
            double[] s = linear.scores(raw);
            float[] margin = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                margin[i] = (float) s[i];
            }
            m.setBaseMargin(margin);
        }
        m.setGroup(groups.stream().mapToInt(Integer::intValue).toArray());
        if (kv.containsKey("tw")) {
            float[] gw = new float[groupWeights.size()];
            for (int i = 0; i < gw.length; i++) {
                gw[i] = groupWeights.get(i);
            }
            m.setWeight(gw);
        }
        Booster b = XGBoost.train(m, params, lm.trees(), Map.of(), null, null);
        TreeEnsemble te = TreeEnsemble.of(fs, b);
        b.dispose();
        m.dispose();
        return linear == null ? new RankerModel("lambdamart", te, 300, Map.of())
                : new RankerModel("linear+lambdamart", linear.terms(), te, 300, Map.of());
    }
}
