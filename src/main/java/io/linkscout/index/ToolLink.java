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

    /**
     * What backlink exports said about the links of a stored page document (live and lost, by tool and target);
     * empty for a page no export named.
     */
    public static java.util.List<ToolLink> stored(org.apache.lucene.document.Document page) {
        org.apache.lucene.util.BytesRef rec = page.getBinaryValue(IndexFields.RECORD);
        if (rec == null) {
            return java.util.List.of();
        }
        try {
            StoredPage sp = IndexBuilder.JSON.readValue(rec.bytes, rec.offset, rec.length, StoredPage.class);
            return sp.toolLinks() == null ? java.util.List.of() : sp.toolLinks();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String key() {
        return tool + "|" + target;
    }
}
