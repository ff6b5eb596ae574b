package io.linkscout.rank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Counts the matches of many exact phrases (and single terms) of one field in a few given documents, reading each
 * distinct term of all the phrases at most once per segment and only as far as a match needs it: a phrase's
 * matches start from the positions of its most shared term, and its other terms' positions are read one at a time
 * until one is not at its offset (see {@code countInLeaf}). The
 * counts are those of Lucene's {@code Matches} for the same queries (a phrase matches at each position where its
 * first term is followed by the others at their offsets; the match starts at the first term's position; a
 * disjunction's matches are its clauses' matches, duplicates included), without one phrase scorer per phrase and
 * segment: the longer-title check of {@link Feature#FREE_MENTION} looks up to
 * {@value Recommender#MAX_LONGER_TITLES} phrases in every segment.
 *
 * <p>Only term queries and slop-0 phrase queries on one field are read this way ({@link #of} returns null for
 * anything else, and the caller falls back to {@code Matches}). Memory per call: O(distinct terms) plus the
 * positions of one document, never O(index).
 */
final class PhraseCounts {

    /** A rewritten query as terms (indices into {@link #terms}) at query positions, in position order. */
    private record Phrase(int group, int[] term, int[] offset) {
    }

    private final String field;
    private final List<BytesRef> terms;
    private final List<Phrase> phrases;
    private final int groups;

    /** Per phrase: the index (into its terms) of the term its matches are anchored on. */
    private final int[] anchors;
    /** Per phrase: the indices of its other terms, in the order they are checked. */
    private final int[][] checkOrder;

    private PhraseCounts(String field, List<BytesRef> terms, List<Phrase> phrases, int groups) {
        this.field = field;
        this.terms = terms;
        this.phrases = phrases;
        this.groups = groups;
        // how many phrases hold each term: a phrase is anchored on its most shared term (positions read once for
        // all of them) and its other terms are checked least shared first (the likeliest to rule a match out)
        int[] shared = new int[terms.size()];
        for (Phrase p : phrases) {
            for (int k : Arrays.stream(p.term()).distinct().toArray()) {
                shared[k]++;
            }
        }
        anchors = new int[phrases.size()];
        checkOrder = new int[phrases.size()][];
        for (int p = 0; p < phrases.size(); p++) {
            int[] tid = phrases.get(p).term();
            int a = 0;
            for (int x = 1; x < tid.length; x++) {
                if (shared[tid[x]] > shared[tid[a]]) {
                    a = x;
                }
            }
            anchors[p] = a;
            final int anchor = a;
            checkOrder[p] = java.util.stream.IntStream.range(0, tid.length).filter(x -> x != anchor).boxed()
                    .sorted(java.util.Comparator.comparingInt((Integer x) -> shared[tid[x]]).thenComparingInt(x -> x))
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The counter for {@code groups.get(g)}, each a list of <em>rewritten</em> queries whose matches are summed as
     * group {@code g}; null when one of them is neither a term query nor an exact phrase query (a boost is read
     * through; a match-nothing query adds nothing), or when they are on more than one field.
     */
    static PhraseCounts of(List<List<Query>> groups) {
        String field = null;
        Map<BytesRef, Integer> ids = new HashMap<>();
        List<BytesRef> terms = new ArrayList<>();
        List<Phrase> phrases = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Query q : groups.get(g)) {
                while (q instanceof BoostQuery b) {
                    q = b.getQuery();
                }
                Term[] ts;
                int[] pos;
                if (q instanceof MatchNoDocsQuery) {
                    continue;
                } else if (q instanceof TermQuery tq) {
                    ts = new Term[] {tq.getTerm()};
                    pos = new int[] {0};
                } else if (q instanceof PhraseQuery pq && pq.getSlop() == 0 && pq.getTerms().length > 0) {
                    ts = pq.getTerms();
                    pos = pq.getPositions();
                } else {
                    return null;
                }
                // position order (a phrase's match starts at the position of its first term)
                Integer[] order = new Integer[ts.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Integer.compare(pos[a], pos[b]));
                int[] tid = new int[ts.length];
                int[] off = new int[ts.length];
                for (int i = 0; i < order.length; i++) {
                    Term t = ts[order[i]];
                    if (field == null) {
                        field = t.field();
                    } else if (!field.equals(t.field())) {
                        return null;
                    }
                    BytesRef bytes = BytesRef.deepCopyOf(t.bytes());
                    Integer id = ids.get(bytes);
                    if (id == null) {
                        id = terms.size();
                        ids.put(bytes, id);
                        terms.add(bytes);
                    }
                    tid[i] = id;
                    off[i] = pos[order[i]];
                }
                phrases.add(new Phrase(g, tid, off));
            }
        }
        return new PhraseCounts(field, terms, phrases, groups.size());
    }

    /**
     * For each of {@code docs} (global doc ids, ascending) and each group: {@code out[j][2g]} the number of matches
     * of the group's queries in the document, {@code out[j][2g + 1]} the smallest start position of one (-1 for
     * none).
     */
    int[][] count(List<LeafReaderContext> leaves, int[] docs) throws IOException {
        int[][] out = new int[docs.length][2 * groups];
        for (int[] o : out) {
            for (int g = 0; g < groups; g++) {
                o[2 * g + 1] = -1;
            }
        }
        if (phrases.isEmpty() || docs.length == 0) {
            return out;
        }
        int i = 0;
        for (LeafReaderContext ctx : leaves) {
            if (i >= docs.length) {
                break;
            }
            int end = ctx.docBase + ctx.reader().maxDoc();
            int from = i;
            while (i < docs.length && docs[i] < end) {
                i++;
            }
            if (i > from) {
                countInLeaf(ctx, docs, from, i, out);
            }
        }
        return out;
    }

    private static final int[] NONE = new int[0];

    /**
     * One segment's matches, phrase by phrase and document by document (ascending), reading only what a match
     * needs: each phrase is anchored on the term of it that the most phrases share (the content's title, for the
     * longer titles), whose positions are read once per document and shared; the phrase's other terms are then
     * checked one at a time, the ones fewest phrases share first, and the check stops at the first that is not at
     * its offset. A term's postings are sought in the segment only when a check first needs it, and its positions
     * in a document decoded only then (one positions enum per term, advanced forward as the documents ascend).
     */
    private void countInLeaf(LeafReaderContext ctx, int[] docs, int from, int to, int[][] out) throws IOException {
        Terms t = field == null ? null : ctx.reader().terms(field);
        if (t == null) {
            return;
        }
        int m = to - from;
        TermsEnum te = t.iterator();
        Postings postings = new Postings(te, terms);
        for (int j = 0; j < m; j++) {
            int local = docs[from + j] - ctx.docBase;
            int[] o = out[from + j];
            for (int p = 0; p < phrases.size(); p++) {
                Phrase ph = phrases.get(p);
                int[] anchor = postings.positions(ph.term()[anchors[p]], j, local);
                int count = 0;
                int first = -1;
                for (int at : anchor) {
                    int start = at - ph.offset()[anchors[p]];
                    boolean match = true;
                    for (int x : checkOrder[p]) {
                        int[] ps = postings.positions(ph.term()[x], j, local);
                        if (Arrays.binarySearch(ps, start + ph.offset()[x]) < 0) {
                            match = false;
                            break;
                        }
                    }
                    if (match) {
                        if (count == 0) {
                            first = start + ph.offset()[0];
                        }
                        count++;
                    }
                }
                if (count > 0) {
                    int g = ph.group();
                    o[2 * g] += count;
                    o[2 * g + 1] = o[2 * g + 1] < 0 ? first : Math.min(o[2 * g + 1], first);
                }
            }
        }
    }

    /**
     * One segment's postings of the phrases' terms, read lazily: a term is sought on first use, and its positions
     * in the document being counted are decoded on first use and kept until the next document (documents must be
     * asked for in ascending order, as one positions enum per term only moves forward). Memory: O(distinct terms)
     * plus the positions decoded for one document.
     */
    private static final class Postings {
        private final TermsEnum te;
        private final List<BytesRef> terms;
        /** per term: 0 not sought yet, 1 in the segment, -1 absent */
        private final byte[] state;
        private final PostingsEnum[] enums;
        /** per term: the document (index j) its {@link #positions} are of, -1 for none yet */
        private final int[] at;
        private final int[][] positions;

        Postings(TermsEnum te, List<BytesRef> terms) {
            this.te = te;
            this.terms = terms;
            this.state = new byte[terms.size()];
            this.enums = new PostingsEnum[terms.size()];
            this.at = new int[terms.size()];
            Arrays.fill(at, -1);
            this.positions = new int[terms.size()][];
        }

        /** Positions of term {@code k} in the j-th document (segment-local id {@code local}), ascending; empty if none. */
        int[] positions(int k, int j, int local) throws IOException {
            if (at[k] == j) {
                return positions[k];
            }
            if (state[k] == 0) {
                state[k] = te.seekExact(terms.get(k)) ? (byte) 1 : (byte) -1;
                if (state[k] == 1) {
                    enums[k] = te.postings(null, PostingsEnum.POSITIONS);
                }
            }
            int[] ps = NONE;
            if (state[k] == 1) {
                PostingsEnum pe = enums[k];
                int doc = pe.docID();
                if (doc < local) {
                    doc = pe.advance(local);
                }
                if (doc == local) {
                    int freq = pe.freq();
                    ps = new int[freq];
                    for (int f = 0; f < freq; f++) {
                        ps[f] = pe.nextPosition();
                    }
                }
            }
            at[k] = j;
            positions[k] = ps;
            return ps;
        }
    }
}
