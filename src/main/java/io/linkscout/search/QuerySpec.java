package io.linkscout.search;

import io.linkscout.index.IndexFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * A query both backends run with the same scores: the few Lucene query shapes ranking builds, written once and
 * turned into a Lucene {@link Query} ({@link #toLucene}) or OpenSearch query DSL ({@link #toOpenSearch}). Each shape
 * maps to the query OpenSearch builds from the DSL (a {@code term} query is a Lucene {@code TermQuery}, a
 * {@code match_phrase} is {@code QueryBuilder}'s phrase query from the same analyzer chain, a {@code bool} a
 * {@code BooleanQuery}, {@code rank_feature} saturation a {@code FeatureField} saturation query), so with exact
 * global statistics the scores agree.
 */
public sealed interface QuerySpec {

    /** One indexed term (already analysed). */
    record Term(String field, String term) implements QuerySpec {
    }

    /** {@code text} analysed like {@code field}, as a phrase (one term: a term query). */
    record Phrase(String field, String text) implements QuerySpec {
    }

    /** {@code text} analysed like {@code field}, any term may match (OpenSearch's {@code match}). */
    record Match(String field, String text) implements QuerySpec {
    }

    /**
     * A boolean query: every {@code must} matches and scores, {@code should} scores (at least one if no must),
     * {@code filter} matches without scoring, no {@code mustNot} matches.
     */
    record Bool(List<QuerySpec> must, List<QuerySpec> should, List<QuerySpec> filter, List<QuerySpec> mustNot)
            implements QuerySpec {
        public Bool {
            must = List.copyOf(must);
            should = List.copyOf(should);
            filter = List.copyOf(filter);
            mustNot = List.copyOf(mustNot);
        }

        /** Without must-not clauses. */
        public Bool(List<QuerySpec> must, List<QuerySpec> should, List<QuerySpec> filter) {
            this(must, should, filter, List.of());
        }
    }

    /**
     * Documents whose numeric doc-values {@code field} (a {@code NumericDocValuesField}, e.g.
     * {@code page_ref_domains}; a {@code long} on OpenSearch) is in {@code [min, max]} (no score: for filters).
     */
    record Range(String field, long min, long max) implements QuerySpec {
    }

    /** {@code query}'s score times {@code boost} (Lucene's {@code BoostQuery}). */
    record Boost(QuerySpec query, float boost) implements QuerySpec {
    }

    /** Matches what {@code query} matches, with score 0. */
    record ZeroScore(QuerySpec query) implements QuerySpec {
    }

    /**
     * The page's static authority ({@code features} {@link FeatureField} / {@code rank_features}) with a saturation
     * function: {@code boost · S / (S + pivot)}, pivot {@link IndexFields#AUTHORITY_PIVOT}.
     */
    record Authority(double boost) implements QuerySpec {
    }

    /** Any of {@code terms} in {@code field} (a boolean OR of term queries, each term once). */
    static QuerySpec anyTerm(String field, List<String> terms) {
        List<QuerySpec> should = new ArrayList<>();
        for (String t : new java.util.LinkedHashSet<>(terms)) {
            should.add(new Term(field, t));
        }
        return new Bool(List.of(), should, List.of());
    }

    /** {@code query} restricted to documents of {@code type} (a filter: the score is {@code query}'s). */
    static QuerySpec typed(QuerySpec query, String type) {
        return new Bool(List.of(query), List.of(), List.of(new Term(IndexFields.TYPE, type)));
    }

    /**
     * {@code query} with every {@link #typed typed(x, type)} inside it (at any depth) replaced by {@code x}. On a
     * document of {@code type} both match alike and score alike ({@code typed}'s filter scores nothing), so a
     * caller that only ever reads documents of {@code type} — a top k whose collector counts no other document,
     * scores of given documents of that type — gets the same answers without the filter, a conjunction with a term
     * that (for pages) nearly every document has.
     */
    static QuerySpec withoutType(QuerySpec query, String type) {
        return switch (query) {
            case Bool b when b.must().size() == 1 && b.should().isEmpty() && b.mustNot().isEmpty()
                    && b.filter().equals(List.of(new Term(IndexFields.TYPE, type))) -> withoutType(b.must().get(0), type);
            case Bool b -> new Bool(withoutType(b.must(), type), withoutType(b.should(), type),
                    withoutType(b.filter(), type), withoutType(b.mustNot(), type));
            case Boost b -> new Boost(withoutType(b.query(), type), b.boost());
            case ZeroScore z -> new ZeroScore(withoutType(z.query(), type));
            case null -> null;
            default -> query;
        };
    }

    private static List<QuerySpec> withoutType(List<QuerySpec> queries, String type) {
        List<QuerySpec> out = new ArrayList<>(queries.size());
        for (QuerySpec q : queries) {
            out.add(withoutType(q, type));
        }
        return out;
    }

    /** The Lucene query; null when it cannot match (a phrase or match of only stop words, an empty bool). */
    default Query toLucene(Analyzer analyzer) {
        return lucene(this, new QueryBuilder(analyzer));
    }

    private static Query lucene(QuerySpec q, QueryBuilder qb) {
        return switch (q) {
            case Term t -> new TermQuery(new org.apache.lucene.index.Term(t.field(), t.term()));
            case Range r -> org.apache.lucene.document.NumericDocValuesField.newSlowRangeQuery(r.field(), r.min(),
                    r.max());
            case Phrase p -> qb.createPhraseQuery(p.field(), p.text());
            case Match m -> qb.createBooleanQuery(m.field(), m.text());
            case ZeroScore z -> {
                Query inner = lucene(z.query(), qb);
                yield inner == null ? null : new BoostQuery(new ConstantScoreQuery(inner), 0f);
            }
            case Boost b -> {
                Query inner = lucene(b.query(), qb);
                yield inner == null ? null : new BoostQuery(inner, b.boost());
            }
            case Authority a -> FeatureField.newSaturationQuery(IndexFields.FEATURES, IndexFields.FEATURE_AUTHORITY,
                    (float) a.boost(), IndexFields.AUTHORITY_PIVOT);
            case Bool b -> {
                BooleanQuery.Builder out = new BooleanQuery.Builder();
                int scoring = 0;
                for (QuerySpec c : b.must()) {
                    Query x = lucene(c, qb);
                    if (x == null) {
                        yield null;
                    }
                    out.add(x, BooleanClause.Occur.MUST);
                    scoring++;
                }
                for (QuerySpec c : b.should()) {
                    Query x = lucene(c, qb);
                    if (x != null) {
                        out.add(x, BooleanClause.Occur.SHOULD);
                        scoring++;
                    }
                }
                if (scoring == 0) {
                    yield null;
                }
                for (QuerySpec c : b.filter()) {
                    Query x = lucene(c, qb);
                    if (x == null) {
                        yield null;
                    }
                    out.add(x, BooleanClause.Occur.FILTER);
                }
                for (QuerySpec c : b.mustNot()) {
                    Query x = lucene(c, qb);
                    if (x != null) {
                        out.add(x, BooleanClause.Occur.MUST_NOT);
                    }
                }
                yield out.build();
            }
        };
    }

    /**
     * This query without the parts {@link #toLucene} leaves out (phrases and matches of only stop words, should
     * clauses that cannot match); null when nothing can match. What {@link #toOpenSearch} is given.
     */
    default QuerySpec pruned(Analyzer analyzer) {
        return prune(this, new QueryBuilder(analyzer));
    }

    private static QuerySpec prune(QuerySpec q, QueryBuilder qb) {
        return switch (q) {
            case Term t -> t;
            case Range r -> r;
            case Authority a -> a;
            case Phrase p -> qb.createPhraseQuery(p.field(), p.text()) == null ? null : p;
            case Match m -> qb.createBooleanQuery(m.field(), m.text()) == null ? null : m;
            case ZeroScore z -> {
                QuerySpec inner = prune(z.query(), qb);
                yield inner == null ? null : new ZeroScore(inner);
            }
            case Boost b -> {
                QuerySpec inner = prune(b.query(), qb);
                yield inner == null ? null : new Boost(inner, b.boost());
            }
            case Bool b -> {
                List<QuerySpec> must = new ArrayList<>();
                for (QuerySpec c : b.must()) {
                    QuerySpec x = prune(c, qb);
                    if (x == null) {
                        yield null;
                    }
                    must.add(x);
                }
                List<QuerySpec> should = new ArrayList<>();
                for (QuerySpec c : b.should()) {
                    QuerySpec x = prune(c, qb);
                    if (x != null) {
                        should.add(x);
                    }
                }
                List<QuerySpec> filter = new ArrayList<>();
                for (QuerySpec c : b.filter()) {
                    QuerySpec x = prune(c, qb);
                    if (x == null) {
                        yield null;
                    }
                    filter.add(x);
                }
                List<QuerySpec> mustNot = new ArrayList<>();
                for (QuerySpec c : b.mustNot()) {
                    QuerySpec x = prune(c, qb);
                    if (x != null) {
                        mustNot.add(x);
                    }
                }
                yield must.isEmpty() && should.isEmpty() ? null : new Bool(must, should, filter, mustNot);
            }
        };
    }

    /**
     * The OpenSearch query DSL of this query, {@link #pruned} first. The caller drops what {@link #toLucene} gives null for (OpenSearch
     * would match nothing where Lucene has no clause): the analyzer chains are the same, so both agree on which.
     */
    default Map<String, Object> toOpenSearch() {
        return switch (this) {
            case Term t -> Map.of("term", Map.of(t.field(), t.term()));
            case Range r -> Map.of("range", Map.of(r.field(), Map.of("gte", r.min(), "lte", r.max())));
            case Phrase p -> Map.of("match_phrase", Map.of(p.field(), Map.of("query", p.text())));
            case Match m -> Map.of("match", Map.of(m.field(), Map.of("query", m.text())));
            case ZeroScore z -> Map.of("constant_score", Map.of("filter", z.query().toOpenSearch(), "boost", 0));
            // a term query with a boost is Lucene's BoostQuery(TermQuery); anything else is wrapped in a bool
            case Boost b -> b.query() instanceof Term t
                    ? Map.of("term", Map.of(t.field(), Map.of("value", t.term(), "boost", b.boost())))
                    : Map.of("bool", Map.of("must", List.of(b.query().toOpenSearch()), "boost", b.boost()));
            case Authority a -> Map.of("rank_feature", Map.of(
                    "field", IndexFields.FEATURES + "." + IndexFields.FEATURE_AUTHORITY,
                    "boost", a.boost(), "saturation", Map.of("pivot", IndexFields.AUTHORITY_PIVOT)));
            case Bool b -> {
                Map<String, Object> bool = new LinkedHashMap<>();
                if (!b.must().isEmpty()) {
                    bool.put("must", b.must().stream().map(QuerySpec::toOpenSearch).toList());
                }
                if (!b.should().isEmpty()) {
                    bool.put("should", b.should().stream().map(QuerySpec::toOpenSearch).toList());
                }
                if (!b.filter().isEmpty()) {
                    bool.put("filter", b.filter().stream().map(QuerySpec::toOpenSearch).toList());
                }
                if (!b.mustNot().isEmpty()) {
                    bool.put("must_not", b.mustNot().stream().map(QuerySpec::toOpenSearch).toList());
                }
                yield Map.of("bool", bool);
            }
        };
    }
}
