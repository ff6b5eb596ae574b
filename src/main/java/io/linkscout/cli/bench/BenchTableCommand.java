package io.linkscout.cli.bench;

import io.linkscout.eval.ReadmeTable;
import io.linkscout.eval.ExpectedFigures;
import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-table [--expected FILE] [--readme README.md [--check]]}: prints the Markdown table of the
 * expected benchmark figures, or rewrites README.md between {@code <!-- bench:start -->} and
 * {@code <!-- bench:end -->}; with {@code --check} it only verifies that the README is up to date (exit 1 if not).
 */
@Command(name = "bench-table", mixinStandardHelpOptions = true,
        description = "Render the expected benchmark figures as a Markdown table (or update README.md in place).")
public class BenchTableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--expected", paramLabel = "FILE",
            description = "Expected-figures JSON (default: the bundled " + ExpectedFigures.RESOURCE + ").")
    Path expected;

    @Option(names = "--readme", paramLabel = "README.md",
            description = "Rewrite the table between the bench:start/bench:end markers of this file.")
    Path readme;

    @Option(names = "--check", description = "With --readme: do not write, exit 1 when the README table is stale.")
    boolean check;

    @Override
    public Integer call() {
        ExpectedFigures figures = expected == null ? ExpectedFigures.loadDefault() : ExpectedFigures.load(expected);
        String table = ReadmeTable.render(figures);
        PrintWriter out = spec.commandLine().getOut();
        if (readme == null) {
            if (check) {
                throw new UserException("--check needs --readme");
            }
            out.print(table);
            out.flush();
            return 0;
        }
        try {
            String old = Files.readString(readme, StandardCharsets.UTF_8);
            String updated = ReadmeTable.replaceSection(old, table);
            if (check) {
                out.println(updated.equals(old) ? "README table is up to date"
                        : "README table is stale: run bench-table --readme " + readme);
                out.flush();
                return updated.equals(old) ? 0 : 1;
            }
            if (!updated.equals(old)) {
                Files.writeString(readme, updated, StandardCharsets.UTF_8);
            }
            out.println((updated.equals(old) ? "unchanged: " : "updated: ") + readme);
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UserException("cannot update " + readme + ": " + e.getMessage(), e);
        }
    }
}
