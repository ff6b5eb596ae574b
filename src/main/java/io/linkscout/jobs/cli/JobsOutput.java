package io.linkscout.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.UserException;
import io.linkscout.jobs.ProspectCandidate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Prints a job's answer: a table, the JSON the REST API returns, or prospect candidates as JSON lines. */
final class JobsOutput {

    static final ObjectMapper JSON = new ObjectMapper();

    private JobsOutput() {
    }

    static void check(String format) {
        if (!List.of("table", "json", "prospects").contains(format.toLowerCase(Locale.ROOT))) {
            throw new UserException("unknown --format " + format + " (use table, json or prospects)");
        }
    }

    static void print(String format, Object response, Supplier<String> table,
            Supplier<List<ProspectCandidate>> prospects) throws Exception {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> System.out.println(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(response));
            case "prospects" -> {
                for (ProspectCandidate p : prospects.get()) {
                    System.out.println(JSON.writeValueAsString(p));
                }
            }
            default -> System.out.print(table.get());
        }
    }

    static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
