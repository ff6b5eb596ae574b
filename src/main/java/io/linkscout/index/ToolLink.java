package io.linkscout.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkscout.ingest.ExportLink;

/**
 * A link of a page as a backlink tool's export reports it, kept with the page (live and lost alike): live ones are
 * links of the page and domain graphs, lost ones are only stored and shown.
 *
 * @param tool      {@code ahrefs}, {@code semrush}, {@code majestic} or {@code gsc}
 * @param target    the linked URL
 * @param anchor    anchor text
 * @param rel       {@code nofollow ugc sponsored} tokens, empty for a followed link
 * @param firstSeen ISO date(-time) or null
 * @param lastSeen  ISO date(-time) or null
 * @param lost      null while live; the lost date, or {@code lost}
 * @param source    file and line of the export row
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolLink(String tool, String target, String anchor, String rel, String firstSeen, String lastSeen,
        String lost, String source) {

    static ToolLink of(ExportLink e) {
        return new ToolLink(e.tool(), e.targetUrl(), e.anchor(), e.rel(), e.firstSeen(), e.lastSeen(), e.lost(),
                e.source());
    }

    String key() {
        return tool + "|" + target;
    }
}
