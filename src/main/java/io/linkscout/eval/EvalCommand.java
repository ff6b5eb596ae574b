package io.linkscout.eval;

import io.linkscout.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval --run RUN.tsv --qrels QRELS.tsv [--format text|json] [--per-query FILE]}: scores a run file
 * like {@code bench/eval_linkpred.py} and prints the same line (text) or a JSON object.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a ranked run against held-out links (recall@10/50/100, nDCG@10, MRR).",
            "Same figures and output line as bench/eval_linkpred.py."})
public class EvalCommand implements Callable<Integer> {

    /** Output format. */
    public enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN.tsv",
            description = "Run file: query_id<TAB>url<TAB>rank[<TAB>score], or TREC 'qid Q0 doc rank score tag'.")
    Path run;

    @Option(names = "--qrels", required = true, paramLabel = "QRELS.tsv",
            description = "Relevance file: query_id<TAB>linking_url.")
    Path qrels;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--per-query", paramLabel = "FILE",
            description = "Also write per-query metrics (full precision) as TSV: query, then one column per metric.")
    Path perQuery;

    @Override
    public Integer call() {
        Qrels q = Qrels.load(qrels);
        Run r = Run.load(run);
        Evaluator.Result res = Evaluator.evaluate(r, q);
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.json ? res.toJson() : res.toText());
        out.flush();
        if (perQuery != null) {
            writePerQuery(res, perQuery);
        }
        return 0;
    }

    /** Writes {@code query<TAB>mrr<TAB>ndcg@10<TAB>recall@10<TAB>recall@100<TAB>recall@50} lines with a header. */
    public static void writePerQuery(Evaluator.Result res, Path file) {
        StringBuilder sb = new StringBuilder("query\t").append(String.join("\t", Evaluator.METRICS)).append('\n');
        for (Map.Entry<String, Map<String, Double>> e : res.perQuery().entrySet()) {
            sb.append(e.getKey());
            for (String m : Evaluator.METRICS) {
                sb.append('\t').append(e.getValue().get(m));
            }
            sb.append('\n');
        }
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot write per-query file " + file + ": " + e.getMessage(), e);
        }
    }
}
