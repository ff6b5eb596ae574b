package io.linkscout.index;

import io.linkscout.ingest.Link;
import java.util.List;

/**
 * One page of the corpus during a build, without its text: about 200 bytes plus its URL, title and links, so a
 * build holds every page's metadata in memory and streams the texts from the spill file or the old index. A page
 * kept from the previous generation also carries what an incremental ingest needs to leave its document alone:
 * its fingerprint, its graph scores and the enrichments' state (about 100 bytes more;
 * see {@link IndexBuilder}).
 */
final class PageMeta {
    String url;
    String title;
    List<Link> links;
    /** spill number of the text, or -1 when the text comes from the old index */
    int spill = -1;
    /** doc id in the old index, or -1 */
    int oldDoc = -1;
    /**
     * for a page read now that replaces one of the old index: the old version's doc id (whose graph scores it starts
     * from while the graph step is pending, {@link IndexBuilder#setGraphLater}), else -1
     */
    int replacedDoc = -1;
    /** its number in this build's corpus analysis (URL order; set by {@link CorpusAnalysis}), -1 before */
    int ordinal = -1;
    boolean hasText;
    List<String> emails = List.of();
    List<String> contactUrls = List.of();
    List<String> social = List.of();
    /** what backlink tool exports report about the page's links, by tool|target (live and lost) */
    java.util.Map<String, ToolLink> toolLinks = java.util.Map.of();
    /** the tools' page metrics (e.g. {@code ahrefs_ur}) */
    java.util.Map<String, Double> toolMetrics = java.util.Map.of();
    /** for a page only exports name (no text): the tools' labels, e.g. {@code Ahrefs}; else null */
    java.util.SortedSet<String> knownFrom;
    /** links that only exports give (not in the page's own links); set by {@link RecordMerge#applyToolLinks} */
    List<String> exportOnly = List.of();
    /** an old page whose record changed in this ingest (WAT links merged into it): its document is rewritten */
    boolean dirty;
    /** {@link IndexFields#DERIVED_FP} of the old document, 0 when none */
    long oldFingerprint;
    /** per installed enrichment, its state of the old document ({@link IndexEnrichment#keptState}), or null */
    Object[] oldEnrichment;
    /** whether an enrichment that needs its state of every kept page found none in the old document */
    boolean enrichmentStateMissing;
}
