package io.linkscout.quality;

import io.linkscout.ingest.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The content side of spam detection: per-page measurements taken while a page is indexed, the page-level flags
 * they fire, and their aggregation into site-level flags. Pure; thread-safe.
 *
 * <table>
 * <caption>Content flags</caption>
 * <tr><th>code</th><th>page fires when</th><th>site fires when</th></tr>
 * <tr><td>SPAM_VOCABULARY</td><td>≥ 3 matches of {@code models/spam-terms.txt} in the text and the anchors of its
 * links; strength min(1, matches/10)</td><td>≥ 20% of its pages fire it; strength = that share</td></tr>
 * <tr><td>THIN_CONTENT</td><td>text under 250 characters (pages without ingested text are not judged); strength
 * 1 − length/250</td><td>≥ 3 pages with text and ≥ 50% thin; strength = share</td></tr>
 * <tr><td>DUPLICATE_CONTENT</td><td>—</td><td>≥ 2 pages with text of ≥ 200 characters and ≥ 50% of them have
 * the same normalised text as another ingested page; strength = share</td></tr>
 * <tr><td>OUTLINK_RATIO</td><td>≥ 20 external links and more than 10 per 100 words; strength min(1, ratio/20)
 * </td><td>≥ 50 external links over the site and more than 10 per 100 words</td></tr>
 * <tr><td>SPONSORED_SHARE</td><td>—</td><td>≥ 10 external links, ≥ 20% of them rel=sponsored; strength
 * min(1, 2·share)</td></tr>
 * </table>
 */
public final class ContentSignals {

    static final int THIN_CHARS = 250;
    static final int DUP_MIN_CHARS = 200;

    private ContentSignals() {
    }

    /** Measurements of one page. {@code hash} is 0 when the text is too short to count as duplicated. */
    public record PageText(String url, boolean hasText, int textLength, int words, int externalLinks,
            int sponsoredExternal, SpamVocabulary.Hits vocab, long hash) {
    }

    public static PageText measure(String url, String text, List<Link> links, boolean[] external,
            SpamVocabulary vocabulary) {
        String t = text == null ? "" : text;
        int ext = 0;
        int sponsored = 0;
        StringBuilder anchors = new StringBuilder();
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            if (external[i]) {
                ext++;
                if (l.rel().contains("sponsored")) {
                    sponsored++;
                }
            }
            if (!l.anchor().isBlank()) {
                anchors.append('\n').append(l.anchor());
            }
        }
        SpamVocabulary.Hits hits = vocabulary.find(anchors.isEmpty() ? t : t + anchors, 3);
        SpamVocabulary.Words w = SpamVocabulary.Words.of(t);
        int words = w.size();
        long hash = 0;
        if (w.normalisedLength() >= DUP_MIN_CHARS) {
            hash = w.hash();
            hash = hash == 0 ? 1 : hash;
        }
        return new PageText(url, !t.isBlank(), t.length(), words, ext, sponsored, hits, hash);
    }

    /** Page-level content flags. */
    public static List<SpamFlag> pageFlags(PageText p) {
        List<SpamFlag> out = new ArrayList<>();
        if (p.vocab().count() >= 3) {
            out.add(SpamFlag.of(SpamFlag.SPAM_VOCABULARY, String.format(Locale.ROOT,
                    "%d commercial-spam phrases in the text and anchors: %s", p.vocab().count(),
                    p.vocab().perTerm()), p.vocab().snippets(), Math.min(1, p.vocab().count() / 10.0)));
        }
        if (p.hasText() && p.textLength() < THIN_CHARS) {
            out.add(SpamFlag.of(SpamFlag.THIN_CONTENT, String.format(Locale.ROOT,
                    "only %d characters of text", p.textLength()), List.of(p.url()),
                    1 - (double) p.textLength() / THIN_CHARS));
        }
        if (p.externalLinks() >= 20 && outlinksPer100Words(p.externalLinks(), p.words()) > 10) {
            double r = outlinksPer100Words(p.externalLinks(), p.words());
            out.add(SpamFlag.of(SpamFlag.OUTLINK_RATIO, String.format(Locale.ROOT,
                    "%d external links over %d words (%.1f per 100 words)", p.externalLinks(), p.words(), r),
                    List.of(p.url()), Math.min(1, r / 20)));
        }
        return out;
    }

    private static double outlinksPer100Words(long links, long words) {
        return 100.0 * links / Math.max(words, 1);
    }

    /**
     * Site-level content flags from its pages' measurements.
     *
     * @param duplicates hash -> number of ingested pages with that text
     */
    public static List<SpamFlag> siteFlags(List<PageText> pages, Map<Long, Integer> duplicates) {
        List<SpamFlag> out = new ArrayList<>();
        int withText = 0;
        int thin = 0;
        int vocab = 0;
        int dupCandidates = 0;
        int dup = 0;
        long ext = 0;
        long sponsored = 0;
        long words = 0;
        List<String> vocabEv = new ArrayList<>();
        List<String> thinEv = new ArrayList<>();
        List<String> dupEv = new ArrayList<>();
        for (PageText p : pages) {
            ext += p.externalLinks();
            sponsored += p.sponsoredExternal();
            words += p.words();
            if (p.vocab().count() >= 3) {
                vocab++;
                if (vocabEv.size() < 3 && !p.vocab().snippets().isEmpty()) {
                    vocabEv.add(p.url() + ": " + p.vocab().snippets().get(0));
                }
            }
            if (!p.hasText()) {
                continue;
            }
            withText++;
            if (p.textLength() < THIN_CHARS) {
                thin++;
                if (thinEv.size() < 3) {
                    thinEv.add(p.url());
                }
            }
            if (p.hash() != 0) {
                dupCandidates++;
                if (duplicates.getOrDefault(p.hash(), 0) > 1) {
                    dup++;
                    if (dupEv.size() < 3) {
                        dupEv.add(p.url());
                    }
                }
            }
        }
        int n = pages.size();
        if (n > 0 && (double) vocab / n >= 0.2) {
            double s = (double) vocab / n;
            out.add(SpamFlag.of(SpamFlag.SPAM_VOCABULARY, String.format(Locale.ROOT,
                    "%d of %d pages use commercial-spam vocabulary", vocab, n), vocabEv, s));
        }
        if (withText >= 3 && (double) thin / withText >= 0.5) {
            out.add(SpamFlag.of(SpamFlag.THIN_CONTENT, String.format(Locale.ROOT,
                    "%d of %d pages have under %d characters of text", thin, withText, THIN_CHARS), thinEv,
                    (double) thin / withText));
        }
        if (dupCandidates >= 2 && (double) dup / dupCandidates >= 0.5) {
            out.add(SpamFlag.of(SpamFlag.DUPLICATE_CONTENT, String.format(Locale.ROOT,
                    "%d of %d pages repeat the text of another ingested page", dup, dupCandidates), dupEv,
                    (double) dup / dupCandidates));
        }
        if (ext >= 50 && outlinksPer100Words(ext, words) > 10) {
            double r = outlinksPer100Words(ext, words);
            out.add(SpamFlag.of(SpamFlag.OUTLINK_RATIO, String.format(Locale.ROOT,
                    "%d external links over %d words of text (%.1f per 100 words)", ext, words, r), List.of(),
                    Math.min(1, r / 20)));
        }
        if (ext >= 10 && (double) sponsored / ext >= 0.2) {
            double share = (double) sponsored / ext;
            out.add(SpamFlag.of(SpamFlag.SPONSORED_SHARE, String.format(Locale.ROOT,
                    "%d of %d external links are rel=sponsored (%.0f%%): the site sells links", sponsored, ext,
                    100 * share), List.of(), Math.min(1, 2 * share)));
        }
        return out;
    }
}
