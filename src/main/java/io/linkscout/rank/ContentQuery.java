package io.linkscout.rank;

import io.linkscout.index.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * The user's content prepared for ranking: its title, its text as exact-match tokens, and its most
 * characteristic index terms (English analysis, weighted by tf-idf against the index's own document
 * frequencies), plus the terms of its lead paragraph.
 *
 * @param title    the content's title (may be empty)
 * @param text     plain text (a first line equal to the title is removed)
 * @param tokens   exact-match tokens of title + text
 * @param terms    top analyzed terms with tf-idf weights, best first (ties by term)
 * @param lead     analyzed terms of the lead paragraph, in order, unique
 * @param leadRarest the {@value #LEAD_GENERATOR_TERMS} terms of {@code lead} that the fewest indexed documents hold
 *                 (ties by term; terms no document holds left out), rarest first: the lead generator's query
 * @param topics   display phrases of the content's topics (keyphrases and entities), best first; may be empty
 * @param site     registrable domain the content is (or will be) published on, or null when unknown: its own
 *                 pages are never recommended, and links other sites already give it are a ranking signal
 * @param published when the content was published (days since 1970-01-01), or
 *                 {@link io.linkscout.url.PublicationDate#UNKNOWN} (new content): pages published before it are
 *                 unlikely to link to it ({@link Feature#DATED_AFTER})
 */
public record ContentQuery(String title, String text, Tokens tokens, List<WeightedTerm> terms, List<String> lead,
        List<String> leadRarest, List<String> topics, String site, int published) {

    /** The same content published on {@code site} (a host, URL or domain, reduced to its registrable domain). */
    public ContentQuery withSite(String site) {
        String s = io.linkscout.url.Domains.registrableDomain(site);
        return new ContentQuery(title, text, tokens, terms, lead, leadRarest, topics, s, published);
    }

    /** The same content published on {@code day} (days since 1970-01-01, or {@code PublicationDate.UNKNOWN}). */
    public ContentQuery withPublished(int day) {
        return new ContentQuery(title, text, tokens, terms, lead, leadRarest, topics, site, day);
    }

    /** An analyzed term and its weight. */
    public record WeightedTerm(String term, double weight) {
    }

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");

    /** How many tf-idf terms make the content's term query. */
    public static final int TERMS = 30;
    public static final int LEAD_TERMS = 50;
    /**
     * How many of the lead's terms make the lead generator's query: its rarest ones. The lead's common words add
     * little to a page's score but make the top k read their long postings (at 1M pages, a third of the ranking
     * time went to the 50-term query); {@link Feature#BM25_LEAD} still scores every lead term.
     */
    public static final int LEAD_GENERATOR_TERMS = 20;

    public static ContentQuery of(String title, String text, List<String> topics, Analyzer analyzer,
            IndexReader reader) {
        return of(title, text, topics, analyzer, reader.numDocs(), terms -> {
            Map<String, Long> df = new HashMap<>();
            try {
                for (String t : terms) {
                    df.put(t, (long) reader.docFreq(new Term(IndexFields.BODY, t)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return df;
        });
    }

    /**
     * As {@link #of(String, String, List, Analyzer, IndexReader)}, with the index's statistics given: its number of
     * documents (every type) and the body document frequencies of analysed terms (a search backend's).
     */
    public static ContentQuery of(String title, String text, List<String> topics, Analyzer analyzer, long numDocs,
            java.util.function.Function<List<String>, Map<String, Long>> docFreqs) {
        String t = title == null ? "" : title.strip();
        String body = text == null ? "" : text.strip();
        if (!t.isEmpty()) {
            int nl = body.indexOf('\n');
            String first = (nl < 0 ? body : body.substring(0, nl)).strip();
            if (first.equalsIgnoreCase(t)) {
                body = nl < 0 ? "" : body.substring(nl + 1).strip();
            }
        }
        Map<String, Integer> tf = new HashMap<>();
        for (String term : analyze(analyzer, body)) {
            if (term.length() > 1 && !term.chars().allMatch(Character::isDigit)) {
                tf.merge(term, 1, Integer::sum);
            }
        }
        // lead: the first substantial paragraph that shares a word with the title (skips bylines, infoboxes)
        List<String> titleTerms = analyze(analyzer, t);
        List<String> lead = List.of();
        for (String para : PARAGRAPH.split(body)) {
            List<String> pt = analyze(analyzer, para);
            if (pt.size() >= 20 && (titleTerms.isEmpty() || pt.stream().anyMatch(titleTerms::contains))) {
                LinkedHashMap<String, Boolean> uniq = new LinkedHashMap<>();
                for (String x : pt) {
                    if (uniq.size() >= LEAD_TERMS) {
                        break;
                    }
                    uniq.put(x, true);
                }
                lead = List.copyOf(uniq.keySet());
                break;
            }
        }
        long n = Math.max(1, numDocs);
        List<WeightedTerm> weighted = new ArrayList<>();
        // one look-up for the content's terms and the lead's (which may hold short words and numbers the terms skip)
        java.util.Set<String> looked = new java.util.LinkedHashSet<>(tf.keySet());
        looked.addAll(lead);
        Map<String, Long> df = docFreqs.apply(List.copyOf(looked));
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            long d = df.getOrDefault(e.getKey(), 0L);
            double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
            weighted.add(new WeightedTerm(e.getKey(), e.getValue() * idf));
        }
        weighted.sort(Comparator.comparingDouble(WeightedTerm::weight).reversed()
                .thenComparing(WeightedTerm::term));
        List<WeightedTerm> top = List.copyOf(weighted.subList(0, Math.min(TERMS, weighted.size())));
        List<String> rarest = lead.stream().filter(x -> df.getOrDefault(x, 0L) > 0) // no page holds the others
                .sorted(Comparator.comparingLong((String x) -> df.getOrDefault(x, 0L)).thenComparing(x -> x))
                .limit(LEAD_GENERATOR_TERMS).toList();

        return new ContentQuery(t, body, Tokens.of(t + "\n" + body), top, lead, rarest,
                topics == null ? List.of() : List.copyOf(topics), null, io.linkscout.url.PublicationDate.UNKNOWN);
    }

    /** The analyzed terms of {@code text}, as the index's body field would hold them. */
    public static List<String> analyze(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(IndexFields.BODY, text)) {
            CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(a.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
