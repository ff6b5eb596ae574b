package io.linkscout.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** Small index helpers shared by the jobs: page documents of a domain, a page's stored outlinks, rounding. */
public final class Jobs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jobs() {
    }

    /** A job's {@code top} option: {@code dflt} when absent, else 1–1000 (a user error naming the field otherwise). */
    public static int top(Integer top, int dflt) {
        int t = top == null ? dflt : top;
        if (t < 1 || t > 1000) {
            throw new UserException("top must be between 1 and 1000 (got " + t + ")");
        }
        return t;
    }

    /** A 0–100 option such as {@code maxSpam}: {@code dflt} when absent (a user error naming {@code field} otherwise). */
    public static double percent(String field, Double value, double dflt) {
        double v = value == null ? dflt : value;
        if (!(v >= 0 && v <= 100)) {
            throw new UserException(field + " must be between 0 and 100 (got " + value + ")");
        }
        return v;
    }

    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The registrable domain of a host, URL or domain the user typed; {@code null} when it is not one. */
    public static String domainOf(String hostOrUrl) {
        if (hostOrUrl == null || hostOrUrl.isBlank()) {
            return null;
        }
        String s = hostOrUrl.strip().toLowerCase(Locale.ROOT);
        if (s.contains("://")) {
            String h = UrlNormalizer.host(UrlNormalizer.normalize(s));
            s = h == null ? s : h;
        }
        String d = Domains.registrableDomain(s);
        return d == null || d.isBlank() || !d.contains(".") ? null : d;
    }

    /** The filters of a domain's page documents ({@link #pagesOf} for a {@link SearchBackend}). */
    public static List<QuerySpec> pageFilters(String domain) {
        return List.of(new QuerySpec.Term(IndexFields.TYPE, IndexFields.TYPE_PAGE),
                new QuerySpec.Term(IndexFields.DOMAIN, domain));
    }

    public static Query pagesOf(String domain) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.DOMAIN, domain)), BooleanClause.Occur.FILTER).build();
    }

    /** Doc ids of the page documents of a registrable domain, ascending. */
    public static int[] pageDocs(LinkScoutIndex idx, String domain) {
        try {
            ScoreDoc[] hits = idx.searcher().search(pagesOf(domain), Integer.MAX_VALUE).scoreDocs;
            int[] ids = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                ids[i] = hits[i].doc;
            }
            Arrays.sort(ids);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The doc id of a page by normalised URL, or -1. */
    public static int pageDoc(LinkScoutIndex idx, String url) {
        try {
            ScoreDoc[] hits = idx.searcher().search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PAGE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.ID, url)), BooleanClause.Occur.FILTER).build(), 1)
                    .scoreDocs;
            return hits.length == 0 ? -1 : hits[0].doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Document stored(LinkScoutIndex idx, int doc, Set<String> fields) {
        try {
            return idx.searcher().storedFields().document(doc, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outlinks stored with a page document (its raw record), in document order. */
    public static List<Link> links(LinkScoutIndex idx, int doc) {
        Document d = stored(idx, doc, Set.of(IndexFields.RECORD));
        if (d.getBinaryValue(IndexFields.RECORD) == null) {
            return List.of();
        }
        try {
            JsonNode n = JSON.readTree(d.getBinaryValue(IndexFields.RECORD).bytes);
            List<Link> out = new ArrayList<>();
            for (JsonNode l : n.path("links")) {
                out.add(new Link(l.path("url").asText(""), l.path("anchor").asText(""), l.path("rel").asText("")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double storedDouble(Document d, String field) {
        return d.getField(field) == null || d.getField(field).numericValue() == null ? 0
                : d.getField(field).numericValue().doubleValue();
    }
}
