package io.linkscout.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The topics of an indexed page, cheap enough to run on every page at ingest: {@link TopicExtractor}'s keyphrases
 * (same candidates, same weights, idf from the bundled background table so a page's topics do not depend on the
 * rest of the corpus) over the page's title followed by the first {@value #MAX_CHARS} characters of its text
 * (cut at a space; {@link #lead}). CoreNLP tokenizes and lemmatises it, but the part-of-speech tags come from
 * {@link PosLexicon}, a bigram tagger distilled from CoreNLP's, about 50 times faster than CoreNLP's own (which was
 * 85 % of the cost): no NER, so no entity kinds, and a proper noun phrase is a keyphrase like any other. The title
 * and the text are tagged in one call (the title is the first paragraph). The text is cut short because the start of
 * a page (its lead) names what it is about (README "Topics that earn links"). Thread-safe.
 *
 * <p>{@link #key(String)} is how a topic of a page and a topic of the user's content are compared: lower-cased words
 * (letters and digits; hyphens and other signs separate them), plurals folded (Lucene's
 * {@code EnglishMinimalStemFilter}), joined by one space ({@code "Sea otters"} and {@code "sea otter"} are
 * {@code "sea otter"}). Only plurals: a full stemmer such as Porter's also makes "edition" and "edit", "general" and
 * "generic", "university" and "universe" one topic.
 */
public final class PageTopics {

    /** How much of a page's text is read (characters after the title). */
    public static final int MAX_CHARS = 600;
    /** How many topics a page keeps. */
    public static final int TOPICS = 8;

    private final TopicExtractor extractor;
    private final PosLexicon lexicon;

    /** Over the process-wide default pipeline and the bundled {@link PosLexicon}. */
    public PageTopics() {
        this(new TopicExtractor(), PosLexicon.bundled());
    }

    public PageTopics(TopicExtractor extractor, PosLexicon lexicon) {
        this.extractor = extractor;
        this.lexicon = lexicon;
    }

    /**
     * The page's keyphrases, best first (at most {@link #TOPICS}, display forms, distinct {@link #key keys}).
     *
     * @param title the page title, or null
     * @param text  the page's main text, or null
     */
    public List<String> extract(String title, String text) {
        String t = title == null ? "" : ContentText.normaliseSpace(title).strip();
        String all = lead(t, text);
        if (all.isBlank()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        Annotation doc = extractor.pipeline().annotateLexical(all, lexicon);
        Annotation titleDoc = t.isEmpty() ? null : titleOf(doc, t.length());
        TopicResult r = extractor.extract(titleDoc, all, doc, TermStatistics.NONE, 3 * TOPICS,
                false, t0, 0); // every key stays: a sub-phrase ("sea otter" in "sea otter facts") is shared by pages
        List<String> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Topic topic : r.topics()) {
            String k = key(topic.phrase());
            if (k.isEmpty() || keys.contains(k)) {
                continue;
            }
            keys.add(k);
            out.add(topic.phrase());
            if (out.size() == TOPICS) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * The title's tokens as an annotation of their own, taken from the sentences of {@code doc} that end within the
     * title (a blank line follows the title, which always ends a sentence): the title is tagged once, with the text.
     */
    private static Annotation titleOf(Annotation doc, int titleEnd) {
        List<CoreLabel> tokens = new ArrayList<>();
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<CoreLabel> ts = s.get(CoreAnnotations.TokensAnnotation.class);
            if (ts.isEmpty() || ts.get(ts.size() - 1).endPosition() > titleEnd) {
                break;
            }
            tokens.addAll(ts);
        }
        Annotation a = new Annotation("");
        a.set(CoreAnnotations.TokensAnnotation.class, tokens);
        return a;
    }

    /**
     * What is read of a page: its title (spaces normalised), a blank line, and the first {@value #MAX_CHARS}
     * characters of its text; also what {@link PosLexicon} is counted on ({@code linkscout pos-lexicon}).
     */
    public static String lead(String title, String text) {
        return lead(title, text, MAX_CHARS);
    }

    /** Like {@link #lead(String, String)} with {@code chars} characters of the text. */
    public static String lead(String title, String text, int chars) {
        String t = title == null ? "" : ContentText.normaliseSpace(title).strip();
        String body = prefix(text == null ? "" : text, chars);
        return t.isEmpty() ? body : body.isEmpty() ? t : t + "\n\n" + body;
    }

    /** The first {@code max} characters of {@code text}, cut after the last space before it (whole text if shorter). */
    static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > max / 2 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    /** The comparison key of a topic phrase (see the class comment); empty when it has no letter or digit. */
    public static String key(String phrase) {
        StringBuilder sb = new StringBuilder();
        try (TokenStream ts = KEYS.tokenStream("", phrase)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(term);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Runs of letters and digits, lower-cased, plurals folded ({@code EnglishMinimalStemFilter}). Thread-safe. */
    private static final Analyzer KEYS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            return new TokenStreamComponents(t, new EnglishMinimalStemFilter(new LowerCaseFilter(t)));
        }
    };

    /** The words of a key. */
    public static List<String> words(String key) {
        return key.isEmpty() ? List.of() : List.of(key.split(" "));
    }

    /**
     * The topics of the user's content that a page shares: those whose key is contained in the key of one of the
     * page's topics (equal keys, or the page's topic is a longer phrase around it: content "kelp forests", page
     * "giant kelp forest"), in the content's order.
     */
    public static List<String> shared(List<String> contentTopics, List<String> pageTopics) {
        List<String> pageKeys = pageTopics.stream().map(PageTopics::key).toList();
        List<String> out = new ArrayList<>();
        for (String t : contentTopics) {
            String k = key(t);
            if (pageKeys.stream().anyMatch(pk -> contains(pk, k))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether {@code part}'s words occur contiguously in {@code whole}'s (keys; equal keys contain each other). */
    public static boolean contains(String whole, String part) {
        if (part.isEmpty()) {
            return false;
        }
        return (" " + whole + " ").contains(" " + part + " ");
    }
}
