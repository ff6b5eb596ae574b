package io.linkscout.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageStructure;
import java.util.List;

/**
 * The JSON kept in a page document's {@code record} field, read back by the next build. {@code structure} is left out
 * when the page has none (plain text); records written before it existed read back with {@code null}. {@code toolLinks}:
 * what backlink exports say about the page's links (live and lost); {@code exportOnly}: the URLs of {@code links} that
 * only exports give; {@code toolMetrics}: the tools' page metrics; {@code knownFrom}: the tools of a page only exports
 * name.
 */
record StoredPage(String title, List<Link> links, List<String> emails, String fetchedAt, String source,
        List<String> contactUrls, List<String> social,
        @JsonInclude(JsonInclude.Include.NON_NULL) PageStructure structure,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolLink> toolLinks,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> exportOnly,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, Double> toolMetrics,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.SortedSet<String> knownFrom) {
}
