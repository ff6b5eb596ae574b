package io.linkscout.index;

import io.linkscout.ingest.PageStructure;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.ContentSignals;
import io.linkscout.quality.DomainAnalysis;
import io.linkscout.quality.SiteQuality;
import io.linkscout.quality.SpamFlag;
import io.linkscout.quality.SpamVocabulary;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * Maps one build's pages, sites and raw rows to Lucene documents (the fields in {@link IndexFields}), with the
 * corpus-wide figures of {@link CorpusAnalysis}, the content spam signals measured on each page's text, and the
 * fields the installed {@link IndexEnrichment}s add. {@link #page} is called from several threads at once; every
 * {@link #site} call comes after the last page.
 *
 * <p>Memory: one {@link ContentSignals.PageText} per page (a few numbers and a text hash).
 */
final class DocumentMapper {

    private final CorpusAnalysis corpus;
    private final AuthorityConfig config;
    private final List<IndexEnrichment.Pass> enrichments;
    /** content measurements per page, filled while pages are mapped; read by the site documents */
    private final ContentSignals.PageText[] pageText;
    private Map<Long, Integer> duplicates;

    DocumentMapper(CorpusAnalysis corpus, AuthorityConfig config, List<IndexEnrichment> enrichments) {
        this.corpus = corpus;
        this.config = config;
        this.enrichments = enrichments.stream().map(IndexEnrichment::start).toList();
        this.pageText = new ContentSignals.PageText[corpus.urls.length];
    }

    /** The document of a page, with its text and what its stored record keeps. */
    Document page(PageMeta m, String text, List<String> emails, String fetchedAt, String source,
            PageStructure structure) {
        int i = corpus.ordinal.get(m.url);
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_PAGE, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, m.url, Field.Store.YES));
        String host = UrlNormalizer.host(m.url);
        d.add(new StringField(IndexFields.HOST, host == null ? "" : host, Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, corpus.domains[i], Field.Store.YES));
        d.add(new TextField(IndexFields.TITLE, m.title, Field.Store.YES));
        d.add(new TextField(IndexFields.BODY, text, Field.Store.NO));
        d.add(new StoredField(IndexFields.TEXT, text));
        d.add(new IntField(IndexFields.TEXT_LENGTH, text.length(), Field.Store.YES));
        d.add(new TextField(IndexFields.ANCHORS_IN, corpus.anchorsIn[i], Field.Store.YES));
        d.add(new TextField(IndexFields.OUTLINKS, corpus.outlinkProfile(m.links), Field.Store.NO));
        int external = 0;
        boolean[] isExternal = new boolean[m.links.size()];
        Set<String> linkDomains = new TreeSet<>();
        for (int k = 0; k < isExternal.length; k++) {
            String td = CorpusAnalysis.domainOf(m.links.get(k).url());
            isExternal[k] = !corpus.domains[i].equals(td);
            if (isExternal[k]) {
                external++;
                if (!td.isEmpty()) {
                    linkDomains.add(td);
                }
            }
        }
        for (String ld : linkDomains) {
            d.add(new StringField(IndexFields.LINK_DOMAINS, ld, Field.Store.NO));
        }
        d.add(new IntField(IndexFields.OUT_LINKS, m.links.size(), Field.Store.YES));
        d.add(new IntField(IndexFields.OUT_LINKS_EXTERNAL, external, Field.Store.YES));
        ContentSignals.PageText pt = ContentSignals.measure(m.url, text, m.links, isExternal,
                SpamVocabulary.bundled());
        pageText[i] = pt;
        List<SpamFlag> pageFlags = new ArrayList<>();
        int dn = corpus.domainGraph.node(corpus.domains[i]);
        if (dn >= 0) {
            pageFlags.addAll(corpus.domainAnalysis.flags.get(dn));
        }
        pageFlags.addAll(ContentSignals.pageFlags(pt));
        double spam = SpamFlag.score(pageFlags);
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_SPAM, featureValue(spam)));
        d.add(new StoredField(IndexFields.SPAM_SCORE, spam));
        d.add(new StoredField(IndexFields.SPAM_FLAGS, SiteQuality.flagsJson(pageFlags)));
        d.add(new IntField(IndexFields.IN_LINKS, corpus.inLinks[i], Field.Store.YES));
        d.add(new IntField(IndexFields.REF_DOMAINS, corpus.refDomains[i], Field.Store.YES));
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY,
                featureValue(corpus.pageAuthority[i])));
        d.add(new StoredField(IndexFields.AUTHORITY_VALUE, corpus.pageAuthority[i]));
        d.add(new StoredField(IndexFields.PAGERANK, corpus.pageRank[i]));
        for (String e : emails == null ? List.<String>of() : emails) {
            d.add(new StoredField(IndexFields.EMAILS, e));
        }
        if (fetchedAt != null) {
            d.add(new StoredField(IndexFields.FETCHED_AT, fetchedAt));
        }
        for (String c : m.contactUrls) {
            d.add(new StoredField(IndexFields.CONTACT_URL, c));
        }
        for (String s : m.social) {
            d.add(new StoredField(IndexFields.SOCIAL, s));
        }
        IndexEnrichment.IndexedPage indexed = new IndexEnrichment.IndexedPage(corpus.domains[i], m.url, m.title,
                text, m.links, structure);
        for (IndexEnrichment.Pass e : enrichments) {
            e.page(d, indexed);
        }
        if (m.knownFrom != null && !m.knownFrom.isEmpty()) {
            d.add(new StoredField(IndexFields.KNOWN_FROM, SiteAggregates.knownFrom(m.knownFrom)));
        }
        if (!m.toolMetrics.isEmpty()) {
            try {
                d.add(new StoredField(IndexFields.TOOL_METRICS, IndexBuilder.JSON.writeValueAsString(m.toolMetrics)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            d.add(new StoredField(IndexFields.RECORD, IndexBuilder.JSON.writeValueAsBytes(
                    new StoredPage(m.title, m.links, emails == null ? List.of() : emails, fetchedAt, source,
                            m.contactUrls, m.social, structure, List.copyOf(m.toolLinks.values()), m.exportOnly,
                            m.toolMetrics, m.knownFrom))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** The document of a site (call after every page was mapped). */
    Document site(SiteAggregates.Site s) throws IOException {
        if (duplicates == null) {
            duplicates = new HashMap<>();
            for (ContentSignals.PageText pt : pageText) {
                if (pt != null && pt.hash() != 0) {
                    duplicates.merge(pt.hash(), 1, Integer::sum);
                }
            }
        }
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_SITE, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, s.domain(), Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, s.domain(), Field.Store.YES));
        d.add(new TextField(IndexFields.NAME, s.name(), Field.Store.YES));
        d.add(new TextField(IndexFields.DESCRIPTION, s.description(), Field.Store.YES));
        d.add(new TextField(IndexFields.TOPIC, s.topic(), Field.Store.YES));
        d.add(new TextField(IndexFields.COUNTRY, s.country(), Field.Store.YES));
        d.add(new TextField(IndexFields.TITLE, s.titles(), Field.Store.NO));
        d.add(new TextField(IndexFields.OUTLINKS, s.outlinkProfile(), Field.Store.NO));
        d.add(new IntField(IndexFields.PAGE_COUNT, s.pages().size(), Field.Store.YES));
        d.add(new IntField(IndexFields.OUT_LINKS, (int) Math.min(Integer.MAX_VALUE, s.outLinks()), Field.Store.YES));
        d.add(new IntField(IndexFields.OUT_LINKS_EXTERNAL, (int) Math.min(Integer.MAX_VALUE, s.externalLinks()),
                Field.Store.YES));
        d.add(new IntField(IndexFields.REF_DOMAINS, s.refDomains(), Field.Store.YES));
        double auth = corpus.domainAuthority(s.domainNode());
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY, featureValue(auth)));
        d.add(new StoredField(IndexFields.AUTHORITY_VALUE, auth));
        d.add(new StoredField(IndexFields.PAGERANK, corpus.domainRank(s.domainNode())));
        addSiteQuality(d, s.domainNode(), s.pages());
        d.add(new StoredField(IndexFields.METRICS, IndexBuilder.JSON.writeValueAsString(s.metrics())));
        if (s.knownFrom() != null) {
            d.add(new StoredField(IndexFields.KNOWN_FROM, s.knownFrom()));
        }
        for (String e : s.emails()) {
            d.add(new StoredField(IndexFields.EMAILS, e));
        }
        if (s.contactUrl() != null) {
            d.add(new StoredField(IndexFields.CONTACT_URL, s.contactUrl()));
        }
        for (String x : s.social()) {
            d.add(new StoredField(IndexFields.SOCIAL, x));
        }
        for (IndexEnrichment.Pass e : enrichments) {
            e.site(d, s.domain());
        }
        return d;
    }

    /** Trust, spam, topical authority, referrers and prior of a site document (see {@link SiteQuality}). */
    private void addSiteQuality(Document d, int node, List<Integer> pageIds) throws IOException {
        DomainAnalysis da = corpus.domainAnalysis;
        List<SpamFlag> flags = new ArrayList<>(node < 0 ? List.of() : da.flags.get(node));
        List<ContentSignals.PageText> texts = new ArrayList<>();
        for (int i : pageIds) {
            if (pageText[i] != null) {
                texts.add(pageText[i]);
            }
        }
        flags.addAll(ContentSignals.siteFlags(texts, duplicates));
        double spam = SpamFlag.score(flags);
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_SPAM, featureValue(spam)));
        d.add(new StoredField(IndexFields.SPAM_SCORE, spam));
        d.add(new StoredField(IndexFields.SPAM_FLAGS, SiteQuality.flagsJson(flags)));
        d.add(new StoredField(IndexFields.TRUST, node < 0 ? 0 : da.trust[node]));
        d.add(new StoredField(IndexFields.TRUSTRANK, node < 0 ? 0 : da.trustRank[node]));
        d.add(new StoredField(IndexFields.SPAM_MASS, node < 0 ? 0 : da.spamMass[node]));
        d.add(new StoredField(IndexFields.HARMONIC, node < 0 ? 0 : da.harmonic[node]));
        d.add(new StoredField(IndexFields.GRAPH_AUTHORITY, node < 0 ? 0 : da.graphAuthority[node]));
        d.add(new StoredField(IndexFields.AUTHORITY_PRIOR, IndexBuilder.JSON.writeValueAsString(new SiteQuality.Prior(
                node < 0 ? null : da.prior[node], config.priorWeight()))));
        d.add(new StoredField(IndexFields.TOPICAL_AUTHORITY,
                IndexBuilder.JSON.writeValueAsString(node < 0 ? Map.of() : da.topical.get(node))));
        d.add(new StoredField(IndexFields.REF_DOMAINS_TOP,
                IndexBuilder.JSON.writeValueAsString(node < 0 ? List.of() : da.topReferrers.get(node))));
    }

    /** A raw input row kept so that later ingests can rebuild the derived documents without the original files. */
    static Document raw(String type, String key, String domain, Object record) throws IOException {
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, type, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, key, Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, domain, Field.Store.YES));
        d.add(new StoredField(IndexFields.RECORD, IndexBuilder.JSON.writeValueAsBytes(record)));
        return d;
    }

    /** FeatureField values must be positive and finite: authority 0–100 is shifted by a small epsilon. */
    static float featureValue(double authority) {
        return (float) Math.max(authority, 0) + 0.01f;
    }
}
