package io.linkscout.cli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscout.error.UserException;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.outreach.IntakeReport;
import io.linkscout.outreach.IntakeResult;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints a job's answer: a table, the JSON the REST API returns, or prospect candidates as JSON lines; and what sending
 * the results to a campaign did.
 */
final class JobsOutput {

    static final ObjectMapper JSON = new ObjectMapper();
    /** For answers that include prospects (timestamps as ISO-8601 text, as the REST API writes them). */
    static final ObjectMapper SENT_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JobsOutput() {
    }

    static void check(String format) {
        if (!List.of("table", "json", "prospects").contains(format.toLowerCase(Locale.ROOT))) {
            throw new UserException("unknown --format " + format + " (use table, json or prospects)");
        }
    }

    /**
     * Prints the answer and, when the results were sent to a campaign, what that did: after the table as text, in
     * the JSON as a {@code campaign} field (as the REST API answers), and with prospect lines on standard error (so
     * that standard output stays JSON lines).
     */
    static void print(String format, Object response, Supplier<String> table, List<ProspectCandidate> prospects,
            IntakeResult sent) throws Exception {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> {
                Object out = response;
                if (sent != null) {
                    ObjectNode n = SENT_JSON.valueToTree(response);
                    n.set("campaign", SENT_JSON.valueToTree(sent));
                    out = n;
                }
                System.out.println((sent == null ? JSON : SENT_JSON).copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(out));
            }
            case "prospects" -> {
                for (ProspectCandidate p : prospects) {
                    System.out.println(JSON.writeValueAsString(p));
                }
                if (sent != null) {
                    System.err.print(IntakeReport.text(sent));
                }
            }
            default -> {
                System.out.print(table.get());
                if (sent != null) {
                    System.out.print(System.lineSeparator() + IntakeReport.text(sent));
                }
            }
        }
    }

    static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
