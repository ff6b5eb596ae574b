package io.linkscout.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.quality.SiteQuality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The one place that reads site documents ({@code type=site}, one per registrable domain) back from the index:
 * a site's standing ({@link SiteQuality}), its contacts, or the stored documents of every site matching a filter.
 * Every query goes through {@link #sites(Query, Set)}, so the site document's shape is known here and in
 * {@code IndexBuilder}, which writes it, and nowhere else.
 *
 * <p>Memory: {@link #sites(Query, Set)} holds the requested stored fields of every matching site (one map entry
 * per site); a lookup by domain holds one document.
 */
public final class SiteRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** E-mail addresses (sorted, at most 20) and the contact page URL (or null) of a site. */
    public record Contacts(List<String> emails, String contactUrl) {
        public static final Contacts NONE = new Contacts(List.of(), null);
    }

    private final LinkScoutIndex index;

    public SiteRepository(LinkScoutIndex index) {
        this.index = index;
    }

    /** The stored site document of a registrable domain, if the index has one (all stored fields). */
    public Optional<Document> document(String domain) {
        Map<String, Document> one = sites(new TermQuery(new Term(IndexFields.ID, domain)), null);
        return Optional.ofNullable(one.get(domain));
    }

    /**
     * The stored site document of a registrable domain through a search backend (the embedded index or an
     * OpenSearch cluster: {@code serve} with {@code linkscout.backend=opensearch}), if it has one.
     */
    public static Optional<Document> document(io.linkscout.search.SearchBackend backend, String domain) {
        try {
            return backend.document(IndexFields.TYPE_SITE, domain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A site's authority, trust and spam as stored, if the index has the site. */
    public Optional<SiteQuality> quality(String domain) {
        return document(domain).map(SiteRepository::quality);
    }

    /** Every site's standing, by domain. */
    public List<SiteQuality> allQualities() {
        List<SiteQuality> all = new ArrayList<>();
        sites(null, null).values().forEach(d -> all.add(quality(d)));
        return all;
    }

    /** A site's e-mail addresses and contact page ({@link Contacts#NONE} when the index has no such site). */
    public Contacts contacts(String domain) {
        return document(domain).map(SiteRepository::contacts).orElse(Contacts.NONE);
    }

    /**
     * The stored documents of every site matching {@code filter} (null: all sites), keyed and ordered by domain;
     * only {@code fields} are loaded (null: all stored fields).
     */
    public Map<String, Document> sites(Query filter, Set<String> fields) {
        Map<String, Document> out = new TreeMap<>();
        forEach(filter, fields, d -> out.put(d.get(IndexFields.ID), d));
        return out;
    }

    /** Calls {@code each} with the stored document of every site matching {@code filter} (null: all), in index order. */
    public void forEach(Query filter, Set<String> fields, Consumer<Document> each) {
        try {
            BooleanQuery.Builder q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)), BooleanClause.Occur.FILTER)
                    .add(filter == null ? new MatchAllDocsQuery() : filter, BooleanClause.Occur.FILTER);
            int max = Math.max(1, index.reader().maxDoc());
            StoredFields stored = index.reader().storedFields();
            ScoreDoc[] hits = index.searcher().search(q.build(), max).scoreDocs;
            java.util.Arrays.sort(hits, java.util.Comparator.comparingInt(h -> h.doc));
            for (ScoreDoc h : hits) {
                each.accept(fields == null ? stored.document(h.doc) : stored.document(h.doc, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stored site document's standing (missing fields read as 0 / empty). */
    public static SiteQuality quality(Document d) {
        try {
            SiteQuality.Prior prior = d.get(IndexFields.AUTHORITY_PRIOR) == null ? new SiteQuality.Prior(null, 0)
                    : JSON.readValue(d.get(IndexFields.AUTHORITY_PRIOR), SiteQuality.Prior.class);
            return new SiteQuality(d.get(IndexFields.ID), num(d, IndexFields.AUTHORITY_VALUE),
                    num(d, IndexFields.GRAPH_AUTHORITY), num(d, IndexFields.PAGERANK), num(d, IndexFields.TRUST),
                    num(d, IndexFields.TRUSTRANK), num(d, IndexFields.SPAM_MASS), num(d, IndexFields.HARMONIC),
                    num(d, IndexFields.SPAM_SCORE), SiteQuality.flags(d.get(IndexFields.SPAM_FLAGS)),
                    d.get(IndexFields.TOPICAL_AUTHORITY) == null ? Map.of()
                            : JSON.readValue(d.get(IndexFields.TOPICAL_AUTHORITY),
                                    new TypeReference<java.util.LinkedHashMap<String, Double>>() { }),
                    (int) num(d, IndexFields.REF_DOMAINS),
                    d.get(IndexFields.REF_DOMAINS_TOP) == null ? List.of()
                            : JSON.readValue(d.get(IndexFields.REF_DOMAINS_TOP), new TypeReference<List<String>>() { }),
                    prior.prior(), prior.weight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stored site document's contacts. */
    public static Contacts contacts(Document d) {
        List<String> emails = new ArrayList<>();
        for (IndexableField f : d.getFields(IndexFields.EMAILS)) {
            if (f.stringValue() != null && emails.size() < 20) {
                emails.add(f.stringValue());
            }
        }
        emails.sort(null);
        String contact = d.get(IndexFields.CONTACT_URL);
        return new Contacts(List.copyOf(emails), contact == null || contact.isBlank() ? null : contact);
    }

    /** A stored numeric field as a double (0 when absent). */
    /**
     * The backlink tools' metrics of a site ({@code ahrefs_dr}, {@code semrush_ascore}, {@code majestic_tf}, ...),
     * as their exports gave them: kept beside LinkScout's authority, never mixed into it. Empty when none.
     */
    public static Map<String, Double> toolMetrics(Document d) {
        String json = d.get(IndexFields.METRICS);
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, Double> all = JSON.readValue(json, new TypeReference<Map<String, Double>>() { });
            Map<String, Double> out = new TreeMap<>();
            all.forEach((k, v) -> {
                if (io.linkscout.ingest.ToolExports.isToolMetric(k)) {
                    out.put(k, v);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double num(Document d, String field) {
        IndexableField f = d.getField(field);
        return f == null || f.numericValue() == null ? 0 : f.numericValue().doubleValue();
    }
}
