package io.linkscout.index;

import io.linkscout.error.UserException;
import io.linkscout.ingest.AuthorityRecord;
import io.linkscout.ingest.ExportLink;
import io.linkscout.ingest.ToolExports;
import io.linkscout.ingest.IngestReport;
import io.linkscout.ingest.IngestSink;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.SiteRecord;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The records of one build: what the existing index holds (its pages' raw records, catalog rows and authority rows)
 * merged with the new inputs. A page seen again replaces the old version; a WAT record (links, no text) adds its
 * links to a page that has text instead. Texts are not held here: new ones go to the spill file, old ones stay in
 * the old index.
 *
 * <p>Memory: one {@link PageMeta} per page (URL, title, links, contacts), one record per catalog and authority row.
 */
final class RecordMerge {

    final Map<String, PageMeta> pages = new HashMap<>();
    final Map<String, SiteRecord> catalog = new TreeMap<>();
    final Map<String, AuthorityRecord> authority = new TreeMap<>();
    /**
     * Export rows without a target page (referring domains, Search Console linking pages), by
     * {@link #exportKey}: domain-level links (live ones are edges of the domain graph) and the sites they make known.
     */
    final Map<String, ExportLink> exportLinks = new TreeMap<>();
    /** Catalog and authority keys read from the inputs of this ingest (their raw documents are (re)written). */
    final Set<String> newCatalogKeys = new HashSet<>();
    final Set<String> newAuthorityKeys = new HashSet<>();
    /** Incremental ingest: the old site documents' fingerprints, by domain. */
    final Map<String, Long> oldSiteFingerprints = new HashMap<>();
    /** Incremental ingest: whether every old page and site document has a fingerprint (else: a full rebuild). */
    boolean everyDocumentFingerprinted = true;
    /** old pages a page read now replaced (counted as they are replaced: no set of every old URL) */
    private long replaced;

    /** Loads the raw records of the existing index (the index at {@code root}, for error messages). */
    void loadOld(DirectoryReader old, Path root) throws IOException {
        loadOld(old, root, null);
    }

    /**
     * As {@link #loadOld(DirectoryReader, Path)}; with {@code enrichments} (an incremental ingest) also what keeps an
     * unchanged document: page and site fingerprints, page graph scores and the enrichments'
     * state of each page.
     */
    void loadOld(DirectoryReader old, Path root, List<IndexEnrichment> enrichments) throws IOException {
        if (!IndexFields.FORMAT_VERSION.equals(IndexLayout.userData(old.directory())
                .getOrDefault(IndexFields.COMMIT_FORMAT, IndexFields.FORMAT_VERSION))) {
            throw new UserException("the index at " + root + " was written by an incompatible LinkScout "
                    + "version; ingest into a new directory", 409);
        }
        IndexSearcher s = new IndexSearcher(old);
        StoredFields sf = old.storedFields();
        boolean incremental = enrichments != null;
        Set<String> pageFields = new HashSet<>(Set.of(IndexFields.ID, IndexFields.RECORD));
        if (incremental) {
            pageFields.add(IndexFields.DERIVED_FP);
            for (IndexEnrichment e : enrichments) {
                pageFields.addAll(e.keptFields());
            }
            for (ScoreDoc h : s.search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)),
                    Integer.MAX_VALUE).scoreDocs) {
                Document d = sf.document(h.doc, Set.of(IndexFields.ID, IndexFields.DERIVED_FP));
                if (d.getField(IndexFields.DERIVED_FP) != null) {
                    oldSiteFingerprints.put(d.get(IndexFields.ID),
                            d.getField(IndexFields.DERIVED_FP).numericValue().longValue());
                } else {
                    everyDocumentFingerprinted = false;
                }
            }
        }
        for (String type : List.of(IndexFields.TYPE_PAGE, IndexFields.TYPE_CATALOG, IndexFields.TYPE_AUTHORITY,
                IndexFields.TYPE_EXPORT)) {
            ScoreDoc[] hits = s.search(new TermQuery(new Term(IndexFields.TYPE, type)), Integer.MAX_VALUE)
                    .scoreDocs;
            int[] ids = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                ids[i] = hits[i].doc;
            }
            Arrays.sort(ids);
            for (int id : ids) {
                Document d = sf.document(id, type.equals(IndexFields.TYPE_PAGE) ? pageFields
                        : Set.of(IndexFields.ID, IndexFields.RECORD));
                byte[] rec = d.getBinaryValue(IndexFields.RECORD).bytes;
                switch (type) {
                    case IndexFields.TYPE_PAGE -> {
                        StoredPage sp = IndexBuilder.JSON.readValue(rec, StoredPage.class);
                        PageMeta m = new PageMeta();
                        m.url = d.get(IndexFields.ID);
                        m.title = sp.title() == null ? "" : sp.title();
                        m.links = sp.links() == null ? List.of() : sp.links();
                        if (sp.exportOnly() != null && !sp.exportOnly().isEmpty()) {
                            Set<String> only = new HashSet<>(sp.exportOnly());
                            m.links = m.links.stream().filter(l -> !only.contains(l.url())).toList();
                        }
                        if (sp.toolLinks() != null && !sp.toolLinks().isEmpty()) {
                            m.toolLinks = new TreeMap<>();
                            for (ToolLink t : sp.toolLinks()) {
                                m.toolLinks.put(t.key(), t);
                            }
                        }
                        m.toolMetrics = sp.toolMetrics() == null ? Map.of() : sp.toolMetrics();
                        m.knownFrom = sp.knownFrom() == null || sp.knownFrom().isEmpty() ? null
                                : new TreeSet<>(sp.knownFrom());
                        m.oldDoc = id;
                        m.hasText = m.knownFrom == null;
                        m.emails = sp.emails() == null ? List.of() : sp.emails();
                        m.contactUrls = sp.contactUrls() == null ? List.of() : sp.contactUrls();
                        m.social = sp.social() == null ? List.of() : sp.social();
                        if (incremental) {
                            keepState(m, d, old, id, enrichments);
                        }
                        pages.put(m.url, m);
                    }
                    case IndexFields.TYPE_CATALOG -> {
                        SiteRecord r = IndexBuilder.JSON.readValue(rec, SiteRecord.class);
                        catalog.put(r.key(), r);
                    }
                    case IndexFields.TYPE_EXPORT -> {
                        ExportLink r = IndexBuilder.JSON.readValue(rec, ExportLink.class);
                        exportLinks.put(exportKey(r), r);
                    }
                    default -> {
                        AuthorityRecord r = IndexBuilder.JSON.readValue(rec, AuthorityRecord.class);
                        authority.put(r.key(), r);
                    }
                }
            }
        }
    }

    /** The identity of an export row kept as a raw record: tool, report, source, target. */
    static String exportKey(ExportLink e) {
        return e.tool() + "|" + e.report() + "|" + (e.pageLevel() ? e.sourceUrl() : e.sourceDomain()) + "|"
                + (e.targetDomain() == null ? "" : e.targetDomain());
    }

    /**
     * Adds each page's live export links to its links (after its own, in tool|target order, without duplicates of
     * a URL it already links to) and notes which ones only exports give. Lost export links stay out.
     */
    void applyToolLinks() {
        for (PageMeta m : pages.values()) {
            if (m.toolLinks.isEmpty()) {
                continue;
            }
            Set<String> have = new HashSet<>();
            List<Link> links = new ArrayList<>(m.links);
            for (Link l : m.links) {
                have.add(l.url());
            }
            List<String> only = new ArrayList<>();
            for (ToolLink t : m.toolLinks.values()) {
                if (t.lost() == null && have.add(t.target())) {
                    links.add(new Link(t.target(), t.anchor(), t.rel()));
                    only.add(t.target());
                }
            }
            m.links = links;
            m.exportOnly = only;
        }
    }

    /** Reads what an incremental ingest needs to keep the page's document unchanged. */
    private void keepState(PageMeta m, Document d, DirectoryReader old, int id,
            List<IndexEnrichment> enrichments) throws IOException {
        if (d.getField(IndexFields.DERIVED_FP) != null) {
            m.oldFingerprint = d.getField(IndexFields.DERIVED_FP).numericValue().longValue();
        } else {
            everyDocumentFingerprinted = false;
        }
        Object[] state = null;
        for (int k = 0; k < enrichments.size(); k++) {
            Object o = enrichments.get(k).keptState(d);
            if (o == null && enrichments.get(k).keptStateRequired()) {
                m.enrichmentStateMissing = true;
            }
            if (o != null) {
                if (state == null) {
                    state = new Object[enrichments.size()];
                }
                state[k] = o;
            }
        }
        m.oldEnrichment = state;
    }

    /** Old pages that the new inputs replaced. */
    long replacedPages() {
        return replaced;
    }

    /** The sink the inputs are read into: titles and links stay in memory, texts go to {@code spill}. */
    Sink sink(PageSpill spill, IngestReport report) {
        return new Sink(spill, report);
    }

    final class Sink implements IngestSink {
        private final PageSpill spill;
        private final IngestReport report;
        /** Authority keys seen in this run: within one run the first row wins (lists are sorted best first). */
        private final Set<String> authorityKeys = new HashSet<>();
        private IOException failure;

        private Sink(PageSpill spill, IngestReport report) {
            this.spill = spill;
            this.report = report;
        }

        /** Throws the spill file's write error, if one happened while reading. */
        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void page(PageRecord p) {
            if (failure != null) {
                return;
            }
            String url = UrlNormalizer.normalize(p.url());
            if (url == null) {
                report.problem(String.valueOf(p.source()), "", "url", "not an http(s) URL: " + p.url(),
                        "give an absolute http:// or https:// URL");
                return;
            }
            PageMeta prev = pages.get(url);
            boolean linksOnly = p.text().isBlank() && p.source() != null && p.source().endsWith("(wat)");
            if (linksOnly && prev != null && prev.hasText) {
                // WAT metadata for a page we have text for: add its links, keep the text
                Set<String> have = new HashSet<>();
                List<Link> merged = new ArrayList<>(prev.links);
                for (Link l : prev.links) {
                    have.add(l.url());
                }
                for (Link l : p.links()) {
                    if (have.add(l.url())) {
                        merged.add(l);
                    }
                }
                prev.dirty |= merged.size() != prev.links.size();
                prev.links = merged;
                if (prev.title.isBlank() && p.title() != null && !p.title().isBlank()) {
                    prev.title = p.title();
                    prev.dirty = true;
                }
                return;
            }
            PageMeta m = new PageMeta();
            m.url = url;
            m.title = p.title();
            m.links = p.links();
            m.hasText = !p.text().isBlank();
            m.emails = p.emails();
            m.contactUrls = p.contactUrls();
            m.social = p.social();
            if (prev != null) {
                if (prev.oldDoc >= 0) {
                    replaced++; // the first version read now of an old page (a later one replaces a new page)
                }
                m.replacedDoc = prev.oldDoc >= 0 ? prev.oldDoc : prev.replacedDoc;
                // what exports said about this URL stays with the new version of the page
                m.toolLinks = prev.toolLinks;
                m.toolMetrics = prev.toolMetrics;
                m.knownFrom = m.hasText ? null : prev.knownFrom;
                if (m.title.isBlank()) {
                    m.title = prev.title;
                }
            }
            try {
                m.spill = spill.add(new PageRecord(url, p.title(), p.text(), List.of(), p.emails(), p.fetchedAt(),
                        p.source(), List.of(), List.of(), p.structure()));
            } catch (IOException e) {
                failure = e;
                return;
            }
            pages.put(url, m);
        }

        @Override
        public void site(SiteRecord s) {
            catalog.put(s.key(), s);
            newCatalogKeys.add(s.key());
        }

        /** Tool metric rows of this run, by key: their metrics merged (the highest value of each wins). */
        private final Set<String> toolMetricKeys = new HashSet<>();

        @Override
        public void exportLink(ExportLink e) {
            if (failure != null) {
                return;
            }
            String label = ToolExports.Tool.of(e.tool()).label();
            if (!e.domainMetrics().isEmpty() && e.sourceDomain() != null) {
                AuthorityRecord a = new AuthorityRecord(e.sourceDomain(), e.tool() + "-export", e.domainMetrics(),
                        e.source());
                AuthorityRecord had = toolMetricKeys.add(a.key()) ? null : authority.get(a.key());
                if (had != null) {
                    Map<String, Double> merged = new TreeMap<>(had.metrics());
                    a.metrics().forEach((k, v) -> merged.merge(k, v, Math::max));
                    a = new AuthorityRecord(a.domain(), a.list(), merged, had.source());
                }
                authority.put(a.key(), a);
                newAuthorityKeys.add(a.key());
            }
            if (!e.pageLevel() || e.targetUrl() == null) {
                exportLinks.put(exportKey(e), e);
            }
            if (!e.pageLevel()) {
                return;
            }
            PageMeta m = pages.get(e.sourceUrl());
            if (m == null) {
                m = new PageMeta();
                m.url = e.sourceUrl();
                m.title = e.title();
                m.links = List.of();
                m.hasText = false;
                m.knownFrom = new TreeSet<>();
                try {
                    m.spill = spill.add(new PageRecord(m.url, m.title, "", List.of(), List.of(), null, e.source()));
                } catch (IOException x) {
                    failure = x;
                    return;
                }
                pages.put(m.url, m);
            } else {
                // an export row changes what the page's document says (its links, metrics, "known from"): an
                // incremental ingest rewrites it
                m.dirty = true;
                if (m.title.isBlank()) {
                    m.title = e.title();
                }
            }
            if (!m.hasText) {
                if (m.knownFrom == null) {
                    m.knownFrom = new TreeSet<>();
                }
                m.knownFrom.add(label);
            }
            if (!e.pageMetrics().isEmpty()) {
                Map<String, Double> metrics = new TreeMap<>(m.toolMetrics);
                metrics.putAll(e.pageMetrics());
                m.toolMetrics = metrics;
            }
            if (e.targetUrl() != null) {
                Map<String, ToolLink> tl = new TreeMap<>(m.toolLinks);
                ToolLink t = ToolLink.of(e);
                tl.put(t.key(), t);
                m.toolLinks = tl;
            }
        }

        @Override
        public void authority(AuthorityRecord a) {
            if (authorityKeys.add(a.key())) {
                authority.put(a.key(), a); // replaces what an earlier ingest stored
                newAuthorityKeys.add(a.key());
            }
        }
    }
}
