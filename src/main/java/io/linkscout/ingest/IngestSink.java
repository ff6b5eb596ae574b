package io.linkscout.ingest;

/** Receives the records that readers produce. Implementations need not be thread-safe. */
public interface IngestSink {

    void page(PageRecord page);

    void site(SiteRecord site);

    void authority(AuthorityRecord authority);

    /** A row of a backlink tool export (see {@link ToolExportReader}). */
    void exportLink(ExportLink link);
}
