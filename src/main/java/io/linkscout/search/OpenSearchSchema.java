package io.linkscout.search;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * LinkScout's Lucene index expressed as OpenSearch index settings, mappings and documents:
 * <ul>
 * <li>the analyzer chain of {@link IndexFields#analyzer()} (Lucene's {@code EnglishAnalyzer}) as a custom analyzer —
 * standard tokenizer, English possessive filter, lower case, English stop words, Porter stemmer — the default of
 * every text field;</li>
 * <li>BM25 with k1=0.9, b=0.4 as the default similarity (as {@code LinkScoutIndex}'s searcher);</li>
 * <li>one mapping per Lucene field kind: tokenized → {@code text}; indexed untokenized → {@code keyword};
 * {@code IntField}/doc values → {@code integer}/{@code long}/{@code double}; {@code FeatureField} →
 * {@code rank_features}; stored-only → kept in {@code _source}, not indexed ({@code enabled: false}).</li>
 * </ul>
 * A document's {@code _source} holds every value of its Lucene fields (binary JSON records as text).
 */
public final class OpenSearchSchema {

    private OpenSearchSchema() {
    }

    /** The analyzer name in the index settings. */
    public static final String ANALYZER = "linkscout_english";

    /** Index settings: shards, replicas, the analyzer chain and the similarity. */
    public static Map<String, Object> settings(int shards, int replicas) {
        Map<String, Object> analysis = Map.of(
                "filter", Map.of("linkscout_possessive", Map.of("type", "stemmer", "language", "possessive_english"),
                        "linkscout_stop", Map.of("type", "stop", "stopwords", "_english_")),
                "analyzer", Map.of(ANALYZER, Map.of("type", "custom", "tokenizer", "standard", "filter",
                        List.of("linkscout_possessive", "lowercase", "linkscout_stop", "porter_stem")),
                        "default", Map.of("type", "custom", "tokenizer", "standard", "filter",
                                List.of("linkscout_possessive", "lowercase", "linkscout_stop", "porter_stem"))));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("number_of_shards", shards);
        s.put("number_of_replicas", replicas);
        s.put("similarity", Map.of("default", Map.of("type", "BM25", "k1", 0.9, "b", 0.4)));
        s.put("analysis", analysis);
        return s;
    }

    /** The kind of a field in OpenSearch. */
    enum Kind {
        STORED(Map.of("type", "object", "enabled", false)),
        KEYWORD(Map.of("type", "keyword")),
        TEXT(Map.of("type", "text", "analyzer", ANALYZER)),
        INTEGER(Map.of("type", "integer")),
        LONG(Map.of("type", "long")),
        DOUBLE(Map.of("type", "double")),
        FEATURES(Map.of("type", "rank_features"));

        final Map<String, Object> mapping;

        Kind(Map<String, Object> mapping) {
            this.mapping = mapping;
        }
    }

    /**
     * The fields LinkScout writes (see {@link IndexFields}), mapped up front so that the first documents of a bulk
     * do not decide them; a field met only later (an enrichment's) is mapped from its Lucene type when it comes.
     */
    static Map<String, Kind> knownFields() {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (String f : List.of(IndexFields.TYPE, IndexFields.ID, IndexFields.UID, IndexFields.HOST,
                IndexFields.DOMAIN, IndexFields.LINK_DOMAINS)) {
            m.put(f, Kind.KEYWORD);
        }
        for (String f : List.of(IndexFields.TITLE, IndexFields.BODY, IndexFields.ANCHORS_IN, IndexFields.OUTLINKS,
                IndexFields.NAME, IndexFields.DESCRIPTION, IndexFields.TOPIC, IndexFields.COUNTRY)) {
            m.put(f, Kind.TEXT);
        }
        for (String f : List.of(IndexFields.TEXT_LENGTH, IndexFields.OUT_LINKS, IndexFields.OUT_LINKS_EXTERNAL,
                IndexFields.IN_LINKS, IndexFields.REF_DOMAINS, IndexFields.PAGE_COUNT)) {
            m.put(f, Kind.INTEGER);
        }
        m.put(IndexFields.AUTHORITY_VALUE, Kind.DOUBLE);
        m.put(IndexFields.PAGERANK, Kind.DOUBLE);
        m.put(IndexFields.FEATURES, Kind.FEATURES);
        return m;
    }

    /** The mapping {@code properties} of some fields. */
    static Map<String, Object> properties(Map<String, Kind> fields) {
        Map<String, Object> p = new LinkedHashMap<>();
        fields.forEach((name, kind) -> p.put(name, kind.mapping));
        return p;
    }

    /** The kind one Lucene field asks for. */
    static Kind kind(IndexableField f) {
        if (f instanceof FeatureField) {
            return Kind.FEATURES;
        }
        boolean indexed = f.fieldType().indexOptions() != IndexOptions.NONE || f.fieldType().pointDimensionCount() > 0
                || f.fieldType().docValuesType() != DocValuesType.NONE;
        if (!indexed) {
            return Kind.STORED;
        }
        Number n = value(f) instanceof Number x ? x : null;
        if (n != null) {
            return n instanceof Integer || n instanceof Short || n instanceof Byte ? Kind.INTEGER
                    : n instanceof Long ? Kind.LONG : Kind.DOUBLE; // a float too: OpenSearch keeps it as a double
        }
        return f.fieldType().tokenized() ? Kind.TEXT : Kind.KEYWORD;
    }

    /** A converted document: its {@code _id}, {@code _source}, and the kind of each of its fields. */
    record Source(String id, Map<String, Object> source, Map<String, Kind> kinds) {
    }

    /**
     * A Lucene document as an OpenSearch document. Its {@code _id} is the {@link IndexFields#UID} ({@code type:id}),
     * or, past OpenSearch's 512-byte limit, a hash of it (lookups go through the indexed {@code uid} field anyway).
     * A name with stored values keeps those (a site's stored authority, not the equal doc value beside it).
     */
    static Source source(Document d) {
        Map<String, List<Object>> stored = new LinkedHashMap<>();
        Map<String, List<Object>> other = new LinkedHashMap<>();
        Map<String, Object> features = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (IndexableField f : d.getFields()) {
            Kind k = kind(f);
            kinds.merge(f.name(), k, (a, b) -> a == Kind.STORED ? b : a);
            if (f instanceof FeatureField ff) {
                features.put(ff.stringValue(), ff.getFeatureValue());
                continue;
            }
            Object v = value(f);
            if (v == null) {
                continue;
            }
            (f.fieldType().stored() ? stored : other).computeIfAbsent(f.name(), x -> new ArrayList<>()).add(v);
        }
        Map<String, Object> src = new LinkedHashMap<>();
        for (String name : kinds.keySet()) {
            if (kinds.get(name) == Kind.FEATURES) {
                src.put(name, features);
                continue;
            }
            List<Object> vs = stored.containsKey(name) ? stored.get(name) : other.get(name);
            if (vs != null) {
                src.put(name, vs.size() == 1 ? vs.get(0) : vs);
            }
        }
        String uid = d.get(IndexFields.UID);
        if (uid == null) {
            uid = IndexFields.uid(d.get(IndexFields.TYPE), d.get(IndexFields.ID));
            src.put(IndexFields.UID, uid);
            kinds.put(IndexFields.UID, Kind.KEYWORD);
        }
        return new Source(documentId(uid), src, kinds);
    }

    /** The {@code _id} of the document with this {@link IndexFields#UID}: the uid, or past 512 bytes its hash. */
    static String documentId(String uid) {
        return uid.getBytes(StandardCharsets.UTF_8).length <= 512 ? uid
                : "sha256:" + com.google.common.hash.Hashing.sha256().hashString(uid, StandardCharsets.UTF_8);
    }

    /** A field's value: number, string, or a binary value (LinkScout's are JSON) as UTF-8 text. */
    static Object value(IndexableField f) {
        if (f instanceof DoubleDocValuesField) {
            return Double.longBitsToDouble(f.numericValue().longValue()); // the field holds the double's bits
        }
        if (f instanceof FloatDocValuesField) {
            return Float.intBitsToFloat(f.numericValue().intValue());
        }
        if (f.numericValue() != null) {
            return f.numericValue();
        }
        if (f.stringValue() != null) {
            return f.stringValue();
        }
        BytesRef b = f.binaryValue();
        return b == null ? null : new String(b.bytes, b.offset, b.length, StandardCharsets.UTF_8);
    }

    /** The kind a field already mapped as {@code existing} may take a value of kind {@code k} (else a clear error). */
    static void checkCompatible(String field, Kind existing, Kind k) {
        if (existing == k || k == Kind.STORED) {
            return; // a stored value of an indexed field is also in _source
        }
        if (existing == Kind.LONG && k == Kind.INTEGER || existing == Kind.DOUBLE && k != Kind.TEXT
                && k != Kind.KEYWORD && k != Kind.FEATURES) {
            return;
        }
        throw new UserException("field '" + field + "' is " + existing.name().toLowerCase(java.util.Locale.ROOT)
                + " in one document and " + k.name().toLowerCase(java.util.Locale.ROOT) + " in another; OpenSearch "
                + "needs one type per field. This is a bug in the index layout: please report it.");
    }
}
