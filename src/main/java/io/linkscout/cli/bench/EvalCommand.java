package io.linkscout.cli.bench;

import io.linkscout.eval.Run;
import io.linkscout.eval.Qrels;
import io.linkscout.eval.ExpectedFigures;
import io.linkscout.eval.Evaluator;
import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval --run RUN.tsv --qrels QRELS.tsv [--unit page|site] [--format text|json] [--per-query FILE] [--expect BENCHMARK]}:
 * scores a run file like {@code bench/eval_linkpred.py [--unit site]} and prints the same line (text) or a JSON object; with
 * {@code --expect} the figures are checked against {@link ExpectedFigures} (one line per metric on stderr, exit
 * code 1 when a figure is outside its tolerance in either direction).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a ranked run against held-out links (recall@10/50/100, nDCG@10, MRR).",
            "Same figures and output line as bench/eval_linkpred.py (--unit site: as eval_linkpred.py --unit site)."})
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

    @Option(names = "--unit", defaultValue = "page", paramLabel = "page|site",
            description = "Score pages (default) or sites: every URL reduced to its registrable domain (Public "
                    + "Suffix List, private section included), each domain's first position kept, the query's own "
                    + "domain dropped, relevant = the domains that linked (as eval_linkpred.py --unit site).")
    Evaluator.Unit unit = Evaluator.Unit.page;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--per-query", paramLabel = "FILE",
            description = "Also write per-query metrics (full precision) as TSV: query, then one column per metric.")
    Path perQuery;

    @Option(names = "--expect", paramLabel = "BENCHMARK",
            description = "Check the figures against this benchmark's expected figures (two-sided tolerance);"
                    + " exit code 1 when any metric is outside.")
    String expect;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "Expected-figures JSON for --expect (default: the bundled " + ExpectedFigures.RESOURCE + ").")
    Path expectedFile;

    @Override
    public Integer call() {
        Qrels q = Qrels.load(qrels);
        Run r = Run.load(run);
        Evaluator.Result res = Evaluator.evaluate(r, q, unit);
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.json ? res.toJson() : res.toText());
        out.flush();
        if (perQuery != null) {
            writePerQuery(res, perQuery);
        }
        if (expect != null) {
            ExpectedFigures figures = expectedFile == null ? ExpectedFigures.loadDefault()
                    : ExpectedFigures.load(expectedFile);
            List<ExpectedFigures.Check> checks = figures.check(expect, res.means());
            PrintWriter err = spec.commandLine().getErr();
            checks.forEach(c -> err.println(c));
            err.flush();
            return ExpectedFigures.allPassed(checks) ? 0 : 1;
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
