package io.linkscout.ingest;

import java.util.ArrayList;
import java.util.List;

/** Collects what readers produce. */
class TestSink implements IngestSink {
    final List<PageRecord> pages = new ArrayList<>();
    final List<SiteRecord> sites = new ArrayList<>();
    final List<AuthorityRecord> authorities = new ArrayList<>();
    final List<ExportLink> exportLinks = new ArrayList<>();

    @Override
    public void exportLink(ExportLink link) {
        exportLinks.add(link);
    }

    @Override
    public void page(PageRecord page) {
        pages.add(page);
    }

    @Override
    public void site(SiteRecord site) {
        sites.add(site);
    }

    @Override
    public void authority(AuthorityRecord authority) {
        authorities.add(authority);
    }

    static java.nio.file.Path fixture(String path) {
        try {
            return java.nio.file.Path.of(TestSink.class.getResource("/fixtures/" + path).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
