package io.linkscout.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.zip.GZIPInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Walks the non-blank lines of a UTF-8 JSON-lines file with their 1-based line numbers (for file:line errors). */
public final class JsonLines {

    /** Whether the current line is the file's last one (reads ahead one line, only when asked). */
    public interface AtEnd {
        boolean get() throws IOException;
    }

    /** Called for each non-blank line. */
    public interface Handler {
        void line(int lineNo, String line, AtEnd last) throws IOException;
    }

    /** Called for each non-blank line, parsed. */
    public interface NodeHandler {
        void node(int lineNo, JsonNode node) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /**
     * Each non-blank line parsed as JSON ({@code .gz} files are gunzipped); a line that is not JSON stops the walk
     * with a {@link UserException} {@code file:line: not JSON: ...}.
     */
    public static void forEachNode(Path file, NodeHandler handler) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d;
                try {
                    d = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new UserException(file + ":" + n + ": not JSON: " + e.getOriginalMessage());
                }
                handler.node(n, d);
            }
        }
    }

    public static void forEach(Path file, Handler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] ahead = new String[1];
            boolean[] peeked = {false};
            AtEnd last = () -> {
                if (!peeked[0]) {
                    ahead[0] = r.readLine();
                    peeked[0] = true;
                }
                return ahead[0] == null;
            };
            int n = 0;
            while (true) {
                String line;
                if (peeked[0]) {
                    line = ahead[0];
                    peeked[0] = false;
                } else {
                    line = r.readLine();
                }
                if (line == null) {
                    return;
                }
                n++;
                if (line.isBlank()) {
                    continue;
                }
                handler.line(n, line, last);
            }
        }
    }
}
