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
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Counts the matches of many exact phrases (and single terms) of one field in a few given documents, reading each
 * distinct term of all the phrases once per segment: its postings (documents only, one reused enum) are advanced
 * over the given documents, and positions are read only where every term of a phrase is in the document. The
 * counts are those of Lucene's {@code Matches} for the same queries (a phrase matches at each position where its
 * first term is followed by the others at their offsets; the match starts at the first term's position; a
 * disjunction's matches are its clauses' matches, duplicates included), without one phrase scorer per phrase and
 * segment: the longer-title check of {@link Feature#FREE_MENTION} looks up to 200 phrases in every segment.
 *
 * <p>Only term queries and slop-0 phrase queries on one field are read this way ({@link #of} returns null for
 * anything else, and the caller falls back to {@code Matches}). Memory per call: O(distinct terms x documents of
 * a segment) bits, never O(index).
 */
final class PhraseCounts {

    /** A rewritten query as terms (indices into {@link #terms}) at query positions, in position order. */
    private record Phrase(int group, int[] term, int[] offset) {
    }

    private final String field;
    private final List<BytesRef> terms;
    private final List<Phrase> phrases;
    private final int groups;

    private PhraseCounts(String field, List<BytesRef> terms, List<Phrase> phrases, int groups) {
        this.field = field;
        this.terms = terms;
        this.phrases = phrases;
        this.groups = groups;
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

    private void countInLeaf(LeafReaderContext ctx, int[] docs, int from, int to, int[][] out) throws IOException {
        Terms t = field == null ? null : ctx.reader().terms(field);
        if (t == null) {
            return;
        }
        int m = to - from;
        int nt = terms.size();
        TermsEnum te = t.iterator();
        TermState[] states = new TermState[nt];
        // which of the leaf's documents hold each term: one docs-only enum, reused for every term
        long[][] has = new long[nt][];
        PostingsEnum pe = null;
        for (int k = 0; k < nt; k++) {
            if (!te.seekExact(terms.get(k))) {
                continue;
            }
            states[k] = te.termState();
            pe = te.postings(pe, PostingsEnum.NONE);
            long[] bits = null;
            for (int j = 0; j < m; j++) {
                int local = docs[from + j] - ctx.docBase;
                int at = pe.docID();
                if (at < local) {
                    at = pe.advance(local);
                }
                if (at == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                if (at == local) {
                    if (bits == null) {
                        bits = new long[(m + 63) >>> 6];
                    }
                    bits[j >>> 6] |= 1L << j;
                }
            }
            has[k] = bits;
        }
        // the (term, document) pairs whose positions are needed: every term of a phrase that is whole there
        boolean[][] need = new boolean[nt][];
        List<int[]> whole = new ArrayList<>(); // {phrase, j}
        for (int p = 0; p < phrases.size(); p++) {
            int[] tid = phrases.get(p).term();
            for (int j = 0; j < m; j++) {
                boolean all = true;
                for (int k : tid) {
                    long[] bits = has[k];
                    if (bits == null || (bits[j >>> 6] & (1L << j)) == 0) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    whole.add(new int[] {p, j});
                    for (int k : tid) {
                        if (need[k] == null) {
                            need[k] = new boolean[m];
                        }
                        need[k][j] = true;
                    }
                }
            }
        }
        if (whole.isEmpty()) {
            return;
        }
        // their positions, one positions enum per term, reused
        int[][][] positions = new int[nt][][];
        for (int k = 0; k < nt; k++) {
            if (need[k] == null) {
                continue;
            }
            te.seekExact(terms.get(k), states[k]);
            pe = te.postings(pe, PostingsEnum.POSITIONS);
            positions[k] = new int[m][];
            for (int j = 0; j < m; j++) {
                if (!need[k][j]) {
                    continue;
                }
                int local = docs[from + j] - ctx.docBase;
                if (pe.docID() < local) {
                    pe.advance(local);
                }
                int freq = pe.freq();
                int[] ps = new int[freq];
                for (int f = 0; f < freq; f++) {
                    ps[f] = pe.nextPosition();
                }
                positions[k][j] = ps; // ascending, as postings give them
            }
        }
        for (int[] pj : whole) {
            Phrase ph = phrases.get(pj[0]);
            int j = pj[1];
            int[] lead = positions[ph.term()[0]][j];
            int count = 0;
            int first = -1;
            for (int leadPos : lead) {
                int phrasePos = leadPos - ph.offset()[0];
                boolean match = true;
                for (int x = 1; x < ph.term().length && match; x++) {
                    match = Arrays.binarySearch(positions[ph.term()[x]][j], phrasePos + ph.offset()[x]) >= 0;
                }
                if (match) {
                    if (count == 0) {
                        first = leadPos;
                    }
                    count++;
                }
            }
            if (count > 0) {
                int[] o = out[from + j];
                int g = ph.group();
                o[2 * g] += count;
                o[2 * g + 1] = o[2 * g + 1] < 0 ? first : Math.min(o[2 * g + 1], first);
            }
        }
    }
}
