package io.linkscout.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexFields;
import io.linkscout.ingest.Link;
import io.linkscout.quality.ContentSignals;
import io.linkscout.quality.SiteQuality;
import io.linkscout.quality.SpamFlag;
import io.linkscout.quality.SpamVocabulary;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.util.BytesRef;

/**
 * The spam score and flags of page and site documents: the flags the domain graph gives the page's or site's domain
 * (from the corpus analysis) plus the content flags of {@link ContentSignals}, measured on each page's text as it is
 * indexed and aggregated over the site's pages (duplicates counted over the whole corpus). Writes on sites
 * {@link IndexFields#SPAM_SCORE}, {@link IndexFields#SPAM_FLAGS} and the {@link IndexFields#FEATURE_SPAM} feature;
 * on pages the doc values {@link IndexFields#PAGE_SPAM} and {@link IndexFields#PAGE_SPAM_FLAGS} (their domain's
 * flags move with every ingest: an incremental ingest updates them in place, {@link Pass#keptValues}) and the
 * measurements ({@link IndexFields#CONTENT_SIGNALS}) that an incremental ingest reads back for the pages it keeps.
 *
 * <p>Memory: one {@link ContentSignals.PageText} per page of the build (a few numbers and a text hash) until the
 * site documents are written.
 */
public final class SpamEnrichment implements IndexEnrichment {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "spam";
    }

    @Override
    public Set<String> keptFields() {
        return Set.of(IndexFields.CONTENT_SIGNALS);
    }

    @Override
    public Object keptState(Document stored) {
        String json = stored.get(IndexFields.CONTENT_SIGNALS);
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, ContentSignals.PageText.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad " + IndexFields.CONTENT_SIGNALS + " JSON in the index", e);
        }
    }

    /** The site flags need every page's measurements: a kept page without them is written again. */
    @Override
    public boolean keptStateRequired() {
        return true;
    }

    @Override
    public Pass start(Corpus corpus) {
        return new Pass() {
            /** measurements per registrable domain, filled by page and kept calls */
            private final Map<String, Queue<ContentSignals.PageText>> byDomain = new ConcurrentHashMap<>();
            private Map<Long, Integer> duplicates;

            @Override
            public void page(Document doc, IndexedPage p) {
                boolean[] external = new boolean[p.links().size()];
                for (int k = 0; k < external.length; k++) {
                    external[k] = !p.domain().equals(domainOf(p.links().get(k)));
                }
                ContentSignals.PageText pt = ContentSignals.measure(p.url(), p.text(), p.links(), external,
                        SpamVocabulary.bundled());
                collect(p.domain(), pt);
                pageValues(p.domain(), pt).forEach(doc::add);
                try {
                    doc.add(new StoredField(IndexFields.CONTENT_SIGNALS, JSON.writeValueAsString(pt)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void kept(Object state, KeptPage page) {
                collect(page.domain(), (ContentSignals.PageText) state);
            }

            @Override
            public List<Field> keptValues(Object state, KeptPage page) {
                return pageValues(page.domain(), (ContentSignals.PageText) state);
            }

            /** score and flag JSON of a page without content flags of its own, by domain (its domain's alone) */
            private final Map<String, PageSpam> domainOnly = new ConcurrentHashMap<>();

            /** A page's spam score and flags: its domain's graph flags, then its own content flags. */
            private List<Field> pageValues(String domain, ContentSignals.PageText pt) {
                List<SpamFlag> own = ContentSignals.pageFlags(pt);
                PageSpam v = own.isEmpty() ? domainOnly.computeIfAbsent(domain, d -> PageSpam.of(corpus.domainFlags(d)))
                        : null;
                if (v == null) {
                    List<SpamFlag> flags = new ArrayList<>(corpus.domainFlags(domain));
                    flags.addAll(own);
                    v = PageSpam.of(flags);
                }
                return List.of(new DoubleDocValuesField(IndexFields.PAGE_SPAM, v.score()),
                        new BinaryDocValuesField(IndexFields.PAGE_SPAM_FLAGS, new BytesRef(v.flagsJson())));
            }

            private void collect(String domain, ContentSignals.PageText pt) {
                byDomain.computeIfAbsent(domain, k -> new ConcurrentLinkedQueue<>()).add(pt);
            }

            @Override
            public void site(Document doc, String domain) {
                if (duplicates == null) {
                    duplicates = new HashMap<>();
                    for (Queue<ContentSignals.PageText> q : byDomain.values()) {
                        for (ContentSignals.PageText pt : q) {
                            if (pt.hash() != 0) {
                                duplicates.merge(pt.hash(), 1, Integer::sum);
                            }
                        }
                    }
                }
                List<ContentSignals.PageText> pages = new ArrayList<>(byDomain.getOrDefault(domain,
                        new ConcurrentLinkedQueue<>()));
                pages.sort(Comparator.comparing(ContentSignals.PageText::url));
                List<SpamFlag> flags = new ArrayList<>(corpus.domainFlags(domain));
                flags.addAll(ContentSignals.siteFlags(pages, duplicates));
                writeSite(doc, flags);
            }
        };
    }

    private static String domainOf(Link l) {
        String d = Domains.registrableDomain(UrlNormalizer.host(l.url()));
        return d == null ? "" : d;
    }

    private static void writeSite(Document doc, List<SpamFlag> flags) {
        double spam = SpamFlag.score(flags);
        doc.add(new FeatureField(IndexFields.FEATURES, IndexFields.FEATURE_SPAM, IndexFields.featureValue(spam)));
        doc.add(new StoredField(IndexFields.SPAM_SCORE, spam));
        doc.add(new StoredField(IndexFields.SPAM_FLAGS, SiteQuality.flagsJson(flags)));
    }

    /** A page's spam score and its flags as JSON (the flags of most pages are their domain's: computed once). */
    private record PageSpam(double score, byte[] flagsJson) {
        static PageSpam of(List<SpamFlag> flags) {
            return new PageSpam(SpamFlag.score(flags),
                    SiteQuality.flagsJson(flags).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
