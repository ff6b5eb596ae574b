package io.linkscout.index;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.linkscout.ingest.PageStructure;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.quality.DomainAnalysis;
import io.linkscout.quality.SiteQuality;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;

/**
 * Maps one build's pages, sites and raw rows to Lucene documents (the fields in {@link IndexFields}), with the
 * corpus-wide figures of {@link CorpusAnalysis} and the fields the installed {@link IndexEnrichment}s add (content
 * spam, contacts, guest posts). {@link #page} is called from several threads at once; every {@link #site} call
 * comes after the last page.
 */
final class DocumentMapper {

    private final CorpusAnalysis corpus;
    private final AuthorityConfig config;
    private final List<IndexEnrichment.Pass> enrichments;

    DocumentMapper(CorpusAnalysis corpus, AuthorityConfig config, List<IndexEnrichment> enrichments) {
        this.corpus = corpus;
        this.config = config;
        IndexEnrichment.Corpus view = domain -> {
            if (corpus.domainAnalysis == null) {
                return List.of(); // graph step left for later: the graph step writes the domain flags
            }
            int dn = corpus.domainGraph.node(domain);
            return dn >= 0 ? corpus.domainAnalysis.flags.get(dn) : List.of();
        };
        this.enrichments = enrichments.stream().map(e -> e.start(view)).toList();
    }

    /**
     * The fingerprint of what a page's document derives from the rest of the corpus: anchor text received, its
     * outlink profile and its authority rounded down to a point. The rest of the document depends only on the page's
     * own record and text, so an old page whose fingerprint is unchanged keeps its document; what else it derives
     * from the corpus is in doc values updated in place ({@link #graphValues}: graph scores, in-links, referring
     * domains; the enrichments' {@link IndexEnrichment.Pass#keptValues}: its domain's spam flags).
     *
     * <p>The outlink profile ({@link CorpusAnalysis#outlinkProfile}) is a function of the page's links (their anchors)
     * and of the titles of the pages they resolve to, so those are hashed instead of the profile text: each anchor
     * and each target's title as a 64-bit hash ({@link CorpusAnalysis#titleHash}, computed once per page of the
     * corpus), no profile built for a kept page. A change that the profile's length cap hides still changes the
     * fingerprint (the page is written again, with the same content).
     */
    long fingerprint(PageMeta m) {
        return fingerprint(m.ordinal, m.links);
    }

    private long fingerprint(int i, List<io.linkscout.ingest.Link> links) {
        Hasher h = Hashing.murmur3_128().newHasher();
        h.putLong(CorpusAnalysis.hash64(corpus.anchorsIn[i])).putInt(corpus.anchorsIn[i].length());
        int start = corpus.linkStart[i];
        h.putInt(links.size());
        for (int k = 0; k < links.size(); k++) {
            int t = corpus.linkTarget[start + k];
            h.putLong(CorpusAnalysis.hash64(links.get(k).anchor()));
            h.putLong(t < 0 ? 0 : corpus.titleHash[t]).putBoolean(t >= 0);
        }
        h.putDouble(authorityPoint(corpus.pageAuthority[i]));
        return h.hash().asLong();
    }

    private static void put(Hasher h, String s) {
        h.putInt(s.length()).putUnencodedChars(s);
    }

    /**
     * The doc values of page {@code i} that its links received and the graph scores give: authority, PageRank,
     * in-links, referring domains. An incremental ingest updates them in place on the pages it keeps.
     */
    List<Field> graphValues(int i) {
        return List.of(new DoubleDocValuesField(IndexFields.AUTHORITY_VALUE, corpus.pageAuthority[i]),
                new DoubleDocValuesField(IndexFields.PAGERANK, corpus.pageRank[i]),
                new NumericDocValuesField(IndexFields.PAGE_IN_LINKS, corpus.inLinks[i]),
                new NumericDocValuesField(IndexFields.PAGE_REF_DOMAINS, corpus.refDomains[i]));
    }

    /** The page authority the {@link IndexFields#FEATURES} field holds: rounded down to a whole point. */
    static double authorityPoint(double authority) {
        return Math.floor(authority);
    }

    /**
     * A page whose old document is kept: what the site documents need of it (call before {@link #site}); returns
     * the enrichments' doc values of the page ({@link IndexEnrichment.Pass#keptValues}), to update where they moved.
     */
    List<Field> kept(PageMeta m) {
        int i = m.ordinal;
        IndexEnrichment.KeptPage kept = new IndexEnrichment.KeptPage(corpus.domains[i], m.url, contacts(m));
        List<Field> values = new java.util.ArrayList<>();
        for (int k = 0; k < enrichments.size(); k++) {
            Object state = m.oldEnrichment == null ? null : m.oldEnrichment[k];
            enrichments.get(k).kept(state, kept);
            values.addAll(enrichments.get(k).keptValues(state, kept));
        }
        return values;
    }

    private static IndexEnrichment.Contacts contacts(PageMeta m) {
        return new IndexEnrichment.Contacts(m.emails, m.contactUrls, m.social);
    }

    /** The document of a page, with its text and what its stored record keeps. */
    Document page(PageMeta m, String text, List<String> emails, String fetchedAt, String source,
            PageStructure structure) {
        return page(m, text, emails, fetchedAt, source, structure, null);
    }

    /**
     * As {@link #page(PageMeta, String, List, String, String, PageStructure)}; {@code old} (or null) is the old
     * document of a page written again with the same title and text, with the enrichments'
     * {@link IndexEnrichment#reusedFields()}: they copy those fields instead of computing them again.
     */
    Document page(PageMeta m, String text, List<String> emails, String fetchedAt, String source,
            PageStructure structure, Document old) {
        int i = m.ordinal;
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_PAGE, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, m.url, Field.Store.YES));
        d.add(new StringField(IndexFields.UID, IndexFields.uid(IndexFields.TYPE_PAGE, m.url), Field.Store.NO));
        String host = UrlNormalizer.host(m.url);
        d.add(new StringField(IndexFields.HOST, host == null ? "" : host, Field.Store.YES));
        d.add(new StringField(IndexFields.DOMAIN, corpus.domains[i], Field.Store.YES));
        d.add(new TextField(IndexFields.TITLE, m.title, Field.Store.YES));
        d.add(new TextField(IndexFields.BODY, text, Field.Store.NO));
        d.add(new StoredField(IndexFields.TEXT, text));
        d.add(new IntField(IndexFields.TEXT_LENGTH, text.length(), Field.Store.YES));
        int published = io.linkscout.url.PublicationDate.of(m.url, fetchedAt);
        if (published != io.linkscout.url.PublicationDate.UNKNOWN) {
            d.add(new StoredField(IndexFields.PAGE_DATE, published));
        }
        d.add(new TextField(IndexFields.ANCHORS_IN, corpus.anchorsIn[i], Field.Store.YES));
        String profile = corpus.outlinkProfile(i, m.links);
        d.add(new TextField(IndexFields.OUTLINKS, profile, Field.Store.NO));
        int external = 0;
        Set<String> linkDomains = new TreeSet<>();
        for (int k = 0; k < m.links.size(); k++) {
            String td = corpus.linkDomain(m.links.get(k).url());
            if (!corpus.domains[i].equals(td)) {
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
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY,
                IndexFields.featureValue(authorityPoint(corpus.pageAuthority[i]))));
        graphValues(i).forEach(d::add);
        d.add(new StoredField(IndexFields.DERIVED_FP, fingerprint(i, m.links)));
        IndexEnrichment.IndexedPage indexed = new IndexEnrichment.IndexedPage(corpus.domains[i], m.url, m.title,
                text, m.links, structure, contacts(m));
        for (IndexEnrichment.Pass e : enrichments) {
            if (old == null) {
                e.page(d, indexed);
            } else {
                e.rewritten(d, indexed, old);
            }
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
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_SITE, Field.Store.YES));
        d.add(new StringField(IndexFields.ID, s.domain(), Field.Store.YES));
        d.add(new StringField(IndexFields.UID, IndexFields.uid(IndexFields.TYPE_SITE, s.domain()), Field.Store.NO));
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
        d.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY, IndexFields.featureValue(auth)));
        d.add(new StoredField(IndexFields.AUTHORITY_VALUE, auth));
        d.add(new DoubleDocValuesField(IndexFields.AUTHORITY_VALUE, auth));
        d.add(new StoredField(IndexFields.PAGERANK, corpus.domainRank(s.domainNode())));
        d.add(new DoubleDocValuesField(IndexFields.PAGERANK, corpus.domainRank(s.domainNode())));
        addSiteQuality(d, s.domainNode());
        d.add(new StoredField(IndexFields.METRICS, IndexBuilder.JSON.writeValueAsString(s.metrics())));
        if (s.knownFrom() != null) {
            d.add(new StoredField(IndexFields.KNOWN_FROM, s.knownFrom()));
        }
        for (IndexEnrichment.Pass e : enrichments) {
            e.site(d, s.domain());
        }
        d.add(new StoredField(IndexFields.DERIVED_FP, fingerprint(d)));
        return d;
    }

    /**
     * A fingerprint of a whole document: every field's name and value (string, number or bytes), in order. Site
     * documents are cheap to build, so an incremental ingest builds each and rewrites it only when this changes.
     */
    static long fingerprint(Document d) {
        Hasher h = Hashing.murmur3_128().newHasher();
        for (IndexableField f : d.getFields()) {
            put(h, f.name());
            put(h, f.getClass().getSimpleName());
            if (f.stringValue() != null) {
                put(h, f.stringValue());
            }
            if (f.numericValue() != null) {
                put(h, f.numericValue().toString());
            }
            if (f.binaryValue() != null) {
                h.putInt(f.binaryValue().length).putBytes(f.binaryValue().bytes, f.binaryValue().offset,
                        f.binaryValue().length);
            }
        }
        return h.hash().asLong();
    }

    /**
     * Trust, topical authority, referrers and prior of a site document (see {@link SiteQuality}); its spam score and
     * flags come from an enrichment, which combines the domain graph's flags with the content of its pages.
     */
    private void addSiteQuality(Document d, int node) throws IOException {
        DomainAnalysis da = corpus.domainAnalysis;
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
        d.add(new StringField(IndexFields.UID, IndexFields.uid(type, key), Field.Store.NO));
        d.add(new StringField(IndexFields.DOMAIN, domain, Field.Store.YES));
        d.add(new StoredField(IndexFields.RECORD, IndexBuilder.JSON.writeValueAsBytes(record)));
        return d;
    }

}
