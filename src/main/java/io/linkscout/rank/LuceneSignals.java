package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.search.QuerySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.QueryBuilder;

/**
 * The text signals from the embedded index: {@link TopK} over the searcher (block-max WAND; nothing proportional
 * to the index), mentions from Lucene's {@code Matches} of the phrase queries.
 */
final class LuceneSignals implements TextSignals {

    private final LinkScoutIndex index;
    private final IntUnaryOperator nodeOf;
    /**
     * Per query ({@link #forQuery}): each term's statistics and per-segment states, looked up once and shared by
     * every query of the request that holds the term (the first stage's top k and the candidate scoring build the
     * same term queries; the page-type filter is in all of them). null: no sharing (every weight looks its terms
     * up).
     */
    private final Map<Term, TermStates> states;

    /**
     * Only page documents have a node ({@link PageTable#docToNode} is filled from the {@code type=page} documents),
     * so {@link #top} and {@link #scores} of candidates read page documents only and run their queries without the
     * page-type filter ({@link QuerySpec#withoutType}): the same top k and scores.
     */
    LuceneSignals(LinkScoutIndex index, PageTable table) {
        this(index, d -> table.docToNode[d], null);
    }

    private LuceneSignals(LinkScoutIndex index, IntUnaryOperator nodeOf, Map<Term, TermStates> states) {
        this.index = index;
        this.nodeOf = nodeOf;
        this.states = states;
    }

    /**
     * These signals for one query (one thread): term queries share their {@link TermStates} — the same statistics
     * (document frequency, total term frequency) and the same postings as their own look-up gives, so the same
     * scores — instead of each weight seeking every term in every segment again.
     */
    @Override
    public TextSignals forQuery() {
        return new LuceneSignals(index, nodeOf, new HashMap<>());
    }

    private Query lucene(QuerySpec q) {
        if (q == null) {
            return null;
        }
        Query out = q.toLucene(index.analyzer());
        try {
            return out == null || states == null ? out : shared(out, index.searcher(), states);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code q} with each of its term queries (inside booleans, boosts and constant scores) given the term's
     * states from {@code states}, built there on first use ({@link TermStates#build} with statistics, as a scoring
     * {@link TermQuery} builds them); any other query as is. Same matches and scores as {@code q}.
     */
    static Query shared(Query q, IndexSearcher searcher, Map<Term, TermStates> states) throws IOException {
        return switch (q) {
            case TermQuery t -> {
                TermStates ts = states.get(t.getTerm());
                if (ts == null) {
                    ts = TermStates.build(searcher, t.getTerm(), true);
                    states.put(t.getTerm(), ts);
                }
                yield new TermQuery(t.getTerm(), ts);
            }
            case BooleanQuery b -> {
                BooleanQuery.Builder out = new BooleanQuery.Builder();
                out.setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
                for (BooleanClause c : b.clauses()) {
                    out.add(shared(c.query(), searcher, states), c.occur());
                }
                yield out.build();
            }
            case BoostQuery b -> new BoostQuery(shared(b.getQuery(), searcher, states), b.getBoost());
            case ConstantScoreQuery c -> new ConstantScoreQuery(shared(c.getQuery(), searcher, states));
            default -> q;
        };
    }

    /**
     * The collector counts only documents with a node ({@link #nodeOf} not negative), which are page documents, so
     * the page-type filter cannot change the top k: it is left out (at 1M pages it was a conjunction of every
     * generator with a term nearly every document has, most of the first stage's time).
     */
    @Override
    public List<TopK.Hit> top(QuerySpec query, int k, boolean allowZero) {
        return TopK.top(index.searcher(), lucene(QuerySpec.withoutType(query, IndexFields.TYPE_PAGE)), k, nodeOf,
                allowZero);
    }

    /** Without the page-type filter when every one of {@code docs} is a page (has a node): the same scores. */
    @Override
    public float[] scores(QuerySpec query, int[] docs) {
        boolean pages = true;
        for (int d : docs) {
            pages &= nodeOf.applyAsInt(d) >= 0;
        }
        return TopK.scores(index.searcher(), lucene(pages ? QuerySpec.withoutType(query, IndexFields.TYPE_PAGE)
                : query), docs);
    }

    @Override
    public long count(QuerySpec query) {
        Query q = lucene(query);
        if (q == null) {
            return 0;
        }
        try {
            return index.searcher().count(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int[][] mentions(List<String> phrases, List<String> longer, int[] docs) {
        IndexSearcher s = index.searcher();
        QueryBuilder qb = new QueryBuilder(index.analyzer());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String p : phrases) {
            b.add(qb.createPhraseQuery(IndexFields.BODY, p), BooleanClause.Occur.SHOULD);
        }
        // one query per distinct longer title phrase (as the disjunction of them would dedupe)
        Set<Query> distinct = new LinkedHashSet<>();
        for (String l : longer) {
            Query lq = qb.createPhraseQuery(IndexFields.BODY, l);
            if (lq != null) {
                distinct.add(lq);
            }
        }
        try {
            Query mention = s.rewrite(b.build());
            List<Query> longerRewritten = new ArrayList<>();
            for (Query lq : distinct) {
                longerRewritten.add(s.rewrite(lq));
            }
            return mentions(mention, longerRewritten, index.reader().leaves(), s, docs, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For each of {@code docs} (global, ascending): {count, first position} of the matches of {@code mention} (a
     * rewritten query) in the body, and the matches of the disjunction of {@code longer} (rewritten queries) there
     * (0 when the mention has none). With {@code counted}, term and exact phrase queries are counted by
     * {@link PhraseCounts} (each distinct term's postings read once per segment); otherwise, or for any other
     * query, from Lucene's {@code Matches}: the same counts.
     */
    static int[][] mentions(Query mention, List<Query> longer, List<LeafReaderContext> leaves, IndexSearcher s,
            int[] docs, boolean counted) throws IOException {
        List<Query> clauses = clauses(mention);
        PhraseCounts pc = counted && clauses != null ? PhraseCounts.of(List.of(clauses, longer)) : null;
        int[][] out = new int[docs.length][];
        if (pc != null) {
            int[][] c = pc.count(leaves, docs);
            for (int j = 0; j < docs.length; j++) {
                out[j] = new int[] {c[j][0], c[j][1], c[j][0] == 0 ? 0 : c[j][2]};
            }
            return out;
        }
        // which documents contain each longer title: one scorer per segment advanced over the documents, so a
        // Matches is built only where one matches
        List<Weight> longerWeights = new ArrayList<>();
        List<boolean[]> longerHits = new ArrayList<>();
        Weight phraseWeight = s.createWeight(mention, ScoreMode.COMPLETE_NO_SCORES, 1);
        for (Query lq : longer) {
            Weight w = s.createWeight(lq, ScoreMode.COMPLETE_NO_SCORES, 1);
            longerWeights.add(w);
            longerHits.add(TopK.matching(w, leaves, docs));
        }
        for (int j = 0; j < docs.length; j++) {
            int[] m = mentions(phraseWeight, leaves, docs[j]);
            int covered = m[0] == 0 ? 0 : mentionsIn(longerWeights, longerHits, j, leaves, docs[j]);
            out[j] = new int[] {m[0], m[1], covered};
        }
        return out;
    }

    /** The clauses of a rewritten disjunction (the query itself when it is not one); null for anything else. */
    private static List<Query> clauses(Query q) {
        if (!(q instanceof BooleanQuery bq)) {
            return List.of(q);
        }
        if (bq.getMinimumNumberShouldMatch() > 1) {
            return null;
        }
        List<Query> out = new ArrayList<>();
        for (BooleanClause c : bq.clauses()) {
            if (c.occur() != BooleanClause.Occur.SHOULD) {
                return null;
            }
            out.add(c.query());
        }
        return out;
    }

    @Override
    public Stored stored(int doc) {
        try {
            Document d = index.reader().storedFields().document(doc, STORED);
            String t = d.get(IndexFields.TEXT);
            return new Stored(t == null ? "" : t, List.of(d.getValues(IndexFields.PAGE_TOPICS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<String> STORED = Set.of(IndexFields.TEXT, IndexFields.PAGE_TOPICS);

    private static int[] mentions(Weight w, List<LeafReaderContext> leaves, int doc) {
        int li = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext ctx = leaves.get(li);
        try {
            return count(w.matches(ctx, doc - ctx.docBase));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Matches in the body of global doc {@code doc} (slot {@code j} of the documents {@code hits} were computed
     * for) of the disjunction of {@code weights}, read only from the weights that match it
     * ({@code hits.get(i)[j]}): what the disjunction's own
     * {@link Weight#matches} gives, without a scorer per weight and candidate.
     */
    private static int mentionsIn(List<Weight> weights, List<boolean[]> hits, int j, List<LeafReaderContext> leaves,
            int doc) {
        LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
        try {
            List<Matches> subs = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                if (hits.get(i)[j]) {
                    Matches m = weights.get(i).matches(ctx, doc - ctx.docBase);
                    if (m != null) {
                        subs.add(m);
                    }
                }
            }
            return subs.isEmpty() ? 0 : count(org.apache.lucene.search.MatchesUtils.fromSubMatches(subs))[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of matches in the body and the first one's position ({0, -1} for none). */
    private static int[] count(Matches m) {
        try {
            if (m == null) {
                return new int[] {0, -1};
            }
            MatchesIterator it = m.getMatches(IndexFields.BODY);
            int count = 0;
            int first = Integer.MAX_VALUE;
            while (it != null && it.next()) {
                count++;
                first = Math.min(first, it.startPosition());
            }
            return new int[] {count, count == 0 ? -1 : first};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
