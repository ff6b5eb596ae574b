package io.linkscout.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.junit.jupiter.api.Test;

/** Lucene documents as OpenSearch documents and mappings, field kind by field kind (no cluster needed). */
class OpenSearchSchemaTest {

    @Test
    void everyFieldKindBecomesItsMappingAndValue() {
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, "site", Field.Store.YES));
        d.add(new StringField(IndexFields.ID, "a.example", Field.Store.YES));
        d.add(new StringField(IndexFields.UID, "site:a.example", Field.Store.NO));
        d.add(new TextField(IndexFields.TITLE, "Kelp forests", Field.Store.NO));
        d.add(new IntField(IndexFields.PAGE_COUNT, 3, Field.Store.YES));
        d.add(new FeatureField(IndexFields.FEATURES, "authority", 42.5f));
        d.add(new FeatureField(IndexFields.FEATURES, "spam", 0.01f));
        // a site keeps its authority stored and as a doc value: the stored value is the one in _source
        d.add(new StoredField(IndexFields.AUTHORITY_VALUE, 42.5));
        d.add(new DoubleDocValuesField(IndexFields.AUTHORITY_VALUE, 42.5));
        // a page's PageRank is only a doc value: its double, not the bits the field holds
        d.add(new DoubleDocValuesField(IndexFields.PAGERANK, 0.125));
        d.add(new StoredField(IndexFields.EMAILS, "a@a.example"));
        d.add(new StoredField(IndexFields.EMAILS, "b@a.example"));
        d.add(new StoredField(IndexFields.RECORD, "{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
        d.add(new StoredField(IndexFields.DERIVED_FP, -7L));

        OpenSearchSchema.Source s = OpenSearchSchema.source(d);
        assertEquals("site:a.example", s.id());
        Map<String, Object> src = s.source();
        assertEquals("site", src.get(IndexFields.TYPE));
        assertEquals("Kelp forests", src.get(IndexFields.TITLE));
        assertEquals(3, src.get(IndexFields.PAGE_COUNT));
        assertEquals(Map.of("authority", 42.5f, "spam", 0.01f), src.get(IndexFields.FEATURES));
        assertEquals(42.5, src.get(IndexFields.AUTHORITY_VALUE));
        assertEquals(0.125, src.get(IndexFields.PAGERANK));
        assertEquals(List.of("a@a.example", "b@a.example"), src.get(IndexFields.EMAILS));
        assertEquals("{\"x\":1}", src.get(IndexFields.RECORD));
        assertEquals(-7L, src.get(IndexFields.DERIVED_FP));

        Map<String, OpenSearchSchema.Kind> k = s.kinds();
        assertEquals(OpenSearchSchema.Kind.KEYWORD, k.get(IndexFields.UID));
        assertEquals(OpenSearchSchema.Kind.TEXT, k.get(IndexFields.TITLE));
        assertEquals(OpenSearchSchema.Kind.INTEGER, k.get(IndexFields.PAGE_COUNT));
        assertEquals(OpenSearchSchema.Kind.FEATURES, k.get(IndexFields.FEATURES));
        assertEquals(OpenSearchSchema.Kind.DOUBLE, k.get(IndexFields.AUTHORITY_VALUE));
        assertEquals(OpenSearchSchema.Kind.DOUBLE, k.get(IndexFields.PAGERANK));
        assertEquals(OpenSearchSchema.Kind.STORED, k.get(IndexFields.EMAILS));
        assertEquals(OpenSearchSchema.Kind.STORED, k.get(IndexFields.RECORD));
        // what ingest writes is mapped up front, as the documents give it
        k.forEach((name, kind) -> {
            OpenSearchSchema.Kind known = OpenSearchSchema.knownFields().get(name);
            if (known != null) {
                assertEquals(known, kind, name);
            }
        });
    }

    @Test
    void aLongUidGetsAHashedIdAndTheSameTypeTwiceIsKept() {
        Document d = new Document();
        String url = "https://a.example/" + "x".repeat(600);
        d.add(new StringField(IndexFields.TYPE, "page", Field.Store.YES));
        d.add(new StringField(IndexFields.ID, url, Field.Store.YES));
        d.add(new StringField(IndexFields.UID, "page:" + url, Field.Store.NO));
        OpenSearchSchema.Source s = OpenSearchSchema.source(d);
        assertTrue(s.id().startsWith("sha256:") && s.id().length() == 7 + 64, s.id());
        assertEquals("page:" + url, s.source().get(IndexFields.UID));
    }

    @Test
    void aFieldOfTwoKindsIsAClearError() {
        OpenSearchSchema.checkCompatible("x", OpenSearchSchema.Kind.DOUBLE, OpenSearchSchema.Kind.INTEGER);
        OpenSearchSchema.checkCompatible("x", OpenSearchSchema.Kind.TEXT, OpenSearchSchema.Kind.STORED);
        UserException e = assertThrows(UserException.class, () -> OpenSearchSchema.checkCompatible("x",
                OpenSearchSchema.Kind.STORED, OpenSearchSchema.Kind.TEXT));
        assertEquals("field 'x' is stored in one document and text in another; OpenSearch needs one type per field. "
                + "This is a bug in the index layout: please report it.", e.getMessage());
    }

    @Test
    void theAnalyzerChainIsLuceneEnglishAnalyzers() {
        Map<String, Object> settings = OpenSearchSchema.settings(2, 1);
        assertEquals(2, settings.get("number_of_shards"));
        assertEquals(Map.of("default", Map.of("type", "BM25", "k1", 0.9, "b", 0.4)), settings.get("similarity"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> analyzers = (Map<String, Map<String, Object>>) ((Map<String, Object>)
                settings.get("analysis")).get("analyzer");
        assertEquals(List.of("linkscout_possessive", "lowercase", "linkscout_stop", "porter_stem"),
                analyzers.get(OpenSearchSchema.ANALYZER).get("filter"));
        assertEquals(analyzers.get(OpenSearchSchema.ANALYZER), analyzers.get("default"));
    }
}
