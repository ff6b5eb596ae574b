package io.linkscout.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.ingest.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a batch of contents to rank for: JSONL with {@code id}, {@code title} and {@code text} per line, and
 * optionally {@code site} (the {@code queries.jsonl} written by {@code make_linkpred.py} and {@code make_blogs_split.py})
 * and {@code published} (an ISO-8601 date or date-time; without it, the date of the {@code id} when that is a dated
 * permalink such as {@code https://example.com/2020/05/30/post/}). Bad lines are errors naming file and line.
 */
public final class QueryFile {

    /**
     * One content to rank for.
     *
     * @param site the registrable domain the content is published on (optional field {@code site}; null when absent)
     * @param published when the content was published (days since 1970-01-01), or
     *                  {@link io.linkscout.url.PublicationDate#UNKNOWN}
     */
    public record Query(String id, String title, String text, String site, int published) {

        /** A content whose publication date is unknown. */
        public Query(String id, String title, String text, String site) {
            this(id, title, text, site, io.linkscout.url.PublicationDate.UNKNOWN);
        }
    }

    private QueryFile() {
    }

    public static List<Query> read(Path file) {
        ObjectMapper om = new ObjectMapper();
        List<Query> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            JsonLines.forEach(file, (n, line, last) -> {
                JsonNode j;
                try {
                    j = om.readTree(line);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw new UserException(file + ":" + n + ": not valid JSON (" + e.getOriginalMessage() + ")");
                }
                String id = j.path("id").asText("");
                if (id.isBlank()) {
                    throw new UserException(file + ":" + n + ": field 'id' is missing or empty "
                            + "(each line needs {\"id\", \"title\", \"text\"})");
                }
                if (!ids.add(id)) {
                    throw new UserException(file + ":" + n + ": field 'id': duplicate id " + id);
                }
                String text = j.path("text").asText("");
                String title = j.path("title").asText("");
                if (text.isBlank() && title.isBlank()) {
                    throw new UserException(file + ":" + n + ": fields 'title' and 'text' are both empty");
                }
                String site = j.path("site").asText("").strip();
                int published = io.linkscout.url.PublicationDate.ofUrl(id);
                JsonNode p = j.get("published");
                if (p != null && !p.isNull()) {
                    published = io.linkscout.url.PublicationDate.fetchedDay(p.isTextual() ? p.textValue() : null);
                    if (published == io.linkscout.url.PublicationDate.UNKNOWN) {
                        throw new UserException(file + ":" + n + ": field 'published': not a date: " + p
                                + " (use an ISO-8601 date such as \"2024-05-30\", or leave the field out)");
                    }
                }
                out.add(new Query(id, title, text, site.isEmpty() ? null : site, published));
            });
        } catch (IOException e) {
            throw new UserException("cannot read queries file " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new UserException("queries file " + file + " has no queries");
        }
        return out;
    }
}
