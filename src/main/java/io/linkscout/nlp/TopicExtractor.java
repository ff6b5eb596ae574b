package io.linkscout.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts ranked topics (keyphrases and named entities) and weighted single terms from plain text (see
 * {@link ContentText} for turning Markdown/HTML into it). Stateless and thread-safe; share one instance.
 *
 * <p><b>Keyphrases</b> are noun-phrase chunks over the POS tags: maximal runs of adjectives and nouns
 * ({@code JJ*, NN*}) that end in a noun, at most {@value #MAX_PHRASE_WORDS} words (longer runs keep their last
 * {@value #MAX_PHRASE_WORDS}); a hyphenated compound written without spaces is one word of the chunk whatever its
 * parts' tags ("single-engine airplane", "two-stage Kalman filters", "knowledge-based system"; a chunk never starts
 * or ends inside one, and one that ends in no noun is dropped whole), and an -ing/-ed participle ({@code VBG},
 * {@code VBN}) directly before a chunk word is a modifier ("sliding mode control"); tokens without a letter, the
 * "/sub i/" markup of abstract databases and English function words (except inside proper names, {@code NNP*}) break
 * a run, so determiners, pronouns and words like "other" or "several" never sit at an edge.
 * Occurrences are grouped by a key of the lower-cased modifiers and the lower-cased lemma of the head noun
 * ({@code "Wind turbines"} and {@code "wind turbine"} are one topic); the display form is the most frequent
 * surface form, counting first the occurrences that do not start a sentence (then all; first seen on a tie; a
 * sentence-initial common noun counts with a lower-case first letter), so modifiers keep their written form and
 * "Offshore wind farms" at the start of a heading does not decide the casing. A chunk made only of tokens of a named
 * entity is not a keyphrase, and a keyphrase whose key equals an entity's key is merged into the entity.
 *
 * <p><b>Named entities</b> come from CoreNLP NER ({@link NlpPipeline}): adjacent tokens of the same type form one
 * mention; types are PERSON, ORGANIZATION, LOCATION, MISC (fine-grained types of full NER map onto them: CITY,
 * COUNTRY, STATE_OR_PROVINCE to LOCATION; NATIONALITY, RELIGION, IDEOLOGY to MISC; numbers and dates are ignored).
 * Mentions are grouped case-insensitively; a group's kind is its most frequent type. NER runs on a bounded prefix
 * of the text; later exact (case-sensitive, token by token) occurrences of the entities found there are added.
 *
 * <p><b>Shorter phrases.</b> Each shorter phrase inside a chunk that keeps its head is a candidate too ("safe ship
 * control" gives "ship control" and "control"; none starts inside a hyphenated compound); its occurrences inside
 * longer chunks count, and how many occurrences are whole chunks or entities is counted separately.
 *
 * <p><b>Weight</b> = the sum of the {@link Topic.Parts} (frequency, position, title, specificity, length, kind,
 * all-caps), computed by {@link Scorer}: each part sums the terms of its {@link Feature}s, coefficient times value,
 * with the coefficients {@link #WEIGHTS} of a logistic regression fitted on the keyphrase dev set (README "Keyphrase
 * quality (topics)"), most of them changing with the text's length; the weight is a log-odds up to a constant per
 * text. Word idfs ({@link TermStatistics#idf(String)} of the phrase's content words: mean, lowest, highest, last)
 * come from the index when one is given, else from the bundled background table ({@link BackgroundFrequencies}), and
 * the phrase idf is that table's estimate for the whole phrase (its rarest adjacent word pair). Weights are rounded
 * to 4 decimals; ties are broken by phrase, then kind, so results are deterministic.
 *
 * <p><b>Selection</b>: the best topics by weight, where a topic whose words lie inside a better topic already chosen
 * takes no slot ({@link #select}): "control" after "ship control", "Arafat" after "Yasser Arafat".
 *
 * <p><b>Terms</b> ({@link TopicResult#terms(int)}): every noun, adjective and foreign word that is not a function
 * word, grouped by lemma, shown as its most frequent lower-cased surface form, weighted like a one-word topic.
 */
public final class TopicExtractor {

    public static final int MAX_PHRASE_WORDS = 4;
    public static final int MAX_TERMS = 200;
    public static final double TITLE_BONUS = 1.0;
    public static final double LEAD_BONUS = 0.5;

    public static final int LEAD_MIN_WORDS = 15;

    private final NlpPipeline pipeline;
    private final BackgroundFrequencies background;

    /** Uses the process-wide default pipeline. */
    public TopicExtractor() {
        this(NlpPipeline.shared());
    }

    /** With the bundled background frequencies ({@link BackgroundFrequencies#bundled()}). */
    public TopicExtractor(NlpPipeline pipeline) {
        this(pipeline, BackgroundFrequencies.bundled());
    }

    public TopicExtractor(NlpPipeline pipeline, BackgroundFrequencies background) {
        this.pipeline = pipeline;
        this.background = background;
    }

    public NlpPipeline pipeline() {
        return pipeline;
    }

    /**
     * @param title     the content's title, or null; used for the title bonus (phrases only in the title are not
     *                  topics)
     * @param text      plain text (e.g. {@link ContentText.Converted#text()}); mention offsets refer to it
     * @param stats     document frequencies for idf, {@link TermStatistics#NONE} for none
     * @param maxTopics the most topics returned; a topic inside a better one chosen takes no slot ({@link #select})
     */
    public TopicResult extract(String title, String text, TermStatistics stats, int maxTopics) {
        long t0 = System.nanoTime();
        String body = text == null ? "" : text;
        Annotation doc = pipeline.annotate(body);
        Annotation titleDoc = title != null && !title.isBlank() ? pipeline.annotate(title, false) : null;
        long nlpMillis = (System.nanoTime() - t0) / 1_000_000;
        return extract(titleDoc, body, doc, stats, maxTopics, true, t0, nlpMillis);
    }

    /** As {@link #extract(String, String, TermStatistics, int)} on texts already annotated by the pipeline. */
    TopicResult extract(Annotation titleDoc, String body, Annotation doc, TermStatistics stats, int maxTopics,
            boolean skipSubPhrases, long t0, long nlpMillis) {
        TermStatistics st = stats == null ? TermStatistics.NONE : stats;
        List<String> titleWords = new ArrayList<>();
        List<String> titleLemmas = new ArrayList<>();
        if (titleDoc != null) {
            for (CoreLabel t : titleDoc.get(CoreAnnotations.TokensAnnotation.class)) {
                titleWords.add(lower(t.word()));
                titleLemmas.add(lower(t.lemma()));
            }
        }

        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        int leadEnd = leadEnd(body);
        Map<String, Group> entities = new LinkedHashMap<>();
        Map<String, Group> phrases = new LinkedHashMap<>();
        Map<String, TermGroup> terms = new LinkedHashMap<>();
        int tokenCount = 0;
        int nerTokens = 0;
        int nerSentences = 0;
        List<boolean[]> covered = new ArrayList<>();
        int[] base = new int[sentences.size()];
        Map<String, Integer> stemCounts = new HashMap<>();
        Map<String, String> stems = new HashMap<>();
        Set<String> textWords = new HashSet<>(titleWords);

        // 1. entities in the NER'd prefix
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            base[si] = tokenCount;
            tokenCount += toks.size();
            boolean[] cov = new boolean[toks.size()];
            covered.add(cov);
            for (CoreLabel t : toks) {
                String w = lower(t.word());
                textWords.add(w);
                if (wordish(w) && !Stopwords.isStopword(w)) {
                    stemCounts.merge(stems.computeIfAbsent(w, BackgroundFrequencies::stem), 1, Integer::sum);
                }
            }
            if (toks.isEmpty() || toks.get(0).ner() == null) {
                continue;
            }
            nerSentences = si + 1;
            nerTokens += toks.size();
            int i = 0;
            while (i < toks.size()) {
                String type = entityType(toks.get(i).ner());
                if (type == null) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < toks.size() && type.equals(entityType(toks.get(j).ner()))
                        && !lineBreakBetween(body, toks.get(j - 1), toks.get(j))) {
                    j++;
                }
                addEntity(entities, body, si, base[si], toks, i, j, type, leadEnd);
                for (int k = i; k < j; k++) {
                    cov[k] = true;
                }
                i = j;
            }
        }
        // 2. later occurrences of the entities found, in the sentences NER did not see
        if (nerSentences < sentences.size() && !entities.isEmpty()) {
            Map<String, List<EntityForm>> byFirstWord = new HashMap<>();
            for (Group g : entities.values()) {
                for (Map.Entry<String, Form> f : g.forms.entrySet()) {
                    List<String> words = f.getValue().words;
                    byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>())
                            .add(new EntityForm(g, words, g.majorityType()));
                }
            }
            byFirstWord.values().forEach(l -> l.sort(Comparator.comparingInt((EntityForm e) -> -e.words.size())));
            for (int si = nerSentences; si < sentences.size(); si++) {
                List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
                boolean[] cov = covered.get(si);
                int i = 0;
                while (i < toks.size()) {
                    List<EntityForm> cands = byFirstWord.get(toks.get(i).word());
                    int matched = 0;
                    if (cands != null) {
                        for (EntityForm ef : cands) {
                            if (matches(toks, i, ef.words)) {
                                addEntity(entities, body, si, base[si], toks, i, i + ef.words.size(), ef.type, leadEnd);
                                matched = ef.words.size();
                                break;
                            }
                        }
                    }
                    if (matched > 0) {
                        for (int k = i; k < i + matched; k++) {
                            cov[k] = true;
                        }
                        i += matched;
                    } else {
                        i++;
                    }
                }
            }
        }
        // 3. keyphrase chunks and single terms
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            boolean[] cov = covered.get(si);
            int i = 0;
            while (i < toks.size()) {
                CoreLabel t = toks.get(i);
                if (isTermTag(t.tag()) && wordish(t.word()) && !Stopwords.isStopword(lower(t.word()))) {
                    String key = lower(t.lemma());
                    terms.computeIfAbsent(key, k -> new TermGroup()).add(lower(t.word()), t.beginPosition() < leadEnd);
                }
                if (!chunkable(toks, i, i)) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < toks.size() && chunkable(toks, j, i)
                        && (j == i || !lineBreakBetween(body, toks.get(j - 1), toks.get(j)))) {
                    j++;
                }
                addChunk(phrases, body, si, base[si], toks, cov, i, j, leadEnd);
                for (int k = i + 1; k < j; k++) {
                    CoreLabel u = toks.get(k);
                    if (isTermTag(u.tag()) && wordish(u.word()) && !Stopwords.isStopword(lower(u.word()))) {
                        terms.computeIfAbsent(lower(u.lemma()), x -> new TermGroup())
                                .add(lower(u.word()), u.beginPosition() < leadEnd);
                    }
                }
                i = j;
            }
        }
        // 4. a keyphrase that is also an entity counts for the entity
        for (Group e : entities.values()) {
            Group p = phrases.remove(e.key);
            if (p != null) {
                e.absorb(p);
            }
        }

        // every word an idf is asked for (tokens, and the parts contentWords splits them into), looked up at once
        Set<String> idfWords = new HashSet<>(textWords);
        for (String w : textWords) {
            idfWords.addAll(BackgroundFrequencies.words(w));
        }
        TermStatistics words = st.numDocs() > 0 ? st.forWords(idfWords) : st;
        int maxCount = 1;
        for (Group g : entities.values()) {
            maxCount = Math.max(maxCount, g.mentions.size());
        }
        for (Group g : phrases.values()) {
            maxCount = Math.max(maxCount, g.mentions.size());
        }
        Scorer scorer = new Scorer(WEIGHTS, st.numDocs() > 0 ? words : background, background, stemCounts,
                tokenCount, sentences.size(), maxCount);
        List<Candidate> candidates = new ArrayList<>();
        for (Group g : entities.values()) {
            candidates.add(g.candidate(g.majorityType(), scorer, titleWords, titleLemmas));
        }
        for (Group g : phrases.values()) {
            candidates.add(g.candidate(Topic.KEYPHRASE, scorer, titleWords, titleLemmas));
        }
        if (candidateSink != null) {
            candidateSink.accept(candidates);
        }
        List<Topic> top = select(candidates, maxTopics, skipSubPhrases);

        Set<String> titleWordSet = new HashSet<>(titleWords);
        Set<String> titleLemmaSet = new HashSet<>(titleLemmas);
        List<WeightedTerm> weighted = new ArrayList<>();
        for (Map.Entry<String, TermGroup> e : terms.entrySet()) {
            TermGroup g = e.getValue();
            String term = g.display();
            boolean inTitle = titleLemmaSet.contains(e.getKey()) || titleWordSet.contains(term);
            double w = round((tf(g.count) + (inTitle ? TITLE_BONUS : 0) + (g.inLead ? LEAD_BONUS : 0)) * words.idf(term));
            weighted.add(new WeightedTerm(term, w, g.count));
        }
        weighted.sort(Comparator.comparingDouble(WeightedTerm::weight).reversed().thenComparing(WeightedTerm::term));
        List<WeightedTerm> topTerms = List.copyOf(weighted.subList(0, Math.min(MAX_TERMS, weighted.size())));

        long total = (System.nanoTime() - t0) / 1_000_000;
        return new TopicResult(top, topTerms, tokenCount, sentences.size(), nerTokens, nlpMillis, total);
    }

    // ---------------------------------------------------------------- chunks

    /** Whether token {@code k} continues (or, with {@code k == start}, starts) a chunk. */
    private static boolean chunkable(List<CoreLabel> toks, int k, int start) {
        CoreLabel t = toks.get(k);
        if (markup(toks, k)) {
            return false;
        }
        // a hyphenated compound is one word of the chunk, whatever its parts' tags ("two-stage", "knowledge-based",
        // "first-order"): its hyphens, the parts after them, and its first part when a chunk word follows it
        if (k > start && compoundHyphen(toks, k)) {
            return true;
        }
        if (k > start && compoundHyphen(toks, k - 1)) {
            return true;
        }
        if (k + 2 < toks.size() && compoundHyphen(toks, k + 1) && compoundPart(t)) {
            int end = k + 2;
            while (end + 2 < toks.size() && compoundHyphen(toks, end + 1)) {
                end += 2;
            }
            return toks.get(end).tag() != null && toks.get(end).tag().startsWith("NN")
                    || end + 1 < toks.size() && chunkable(toks.get(end + 1));
        }
        if (t.tag() != null && (t.tag().equals("VBG") || t.tag().equals("VBN")) && k + 1 < toks.size()
                && chunkable(toks.get(k + 1)) && wordish(t.word()) && !Stopwords.isStopword(lower(t.word()))) {
            return true;
        }
        return chunkable(t);
    }

    /**
     * Days and times of the news ("arrested Friday", "jail Friday", "a.m. Saturday"): never a topic and never part
     * of one. Tagged as nouns, they ended noun chunks of news stories: 74 of the 450 dev news stories had one in
     * their top 10 ("plea Friday", "jail Friday", "a.m. Saturday", "Friday"). Named entities are not affected.
     */
    static final Set<String> TIME_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "today", "tonight", "yesterday", "tomorrow", "a.m.", "p.m.");

    /**
     * A line break separates the two tokens and the second does not start with a lower-case letter: a title and
     * the first line of its text, a heading and its paragraph, two list items, a news story's headline and its
     * dateline ("… Walk of Fame star" / "LOS ANGELES (Reuters) -") are never one topic. A line that goes on in
     * lower case is running text wrapped at a fixed width ("offshore wind" / "farms"), which stays one phrase.
     * (Markdown's soft line breaks are spaces by then, see {@link ContentText}.)
     */
    static boolean lineBreakBetween(String body, CoreLabel a, CoreLabel b) {
        int from = a.endPosition();
        int to = b.beginPosition();
        if (from < 0 || to > body.length() || from >= to) {
            return false;
        }
        int nl = body.indexOf('\n', from);
        if (nl < 0 || nl >= to) {
            return false;
        }
        String w = b.word();
        return w == null || w.isEmpty() || !Character.isLowerCase(w.codePointAt(0));
    }

    /** Token {@code k} is a hyphen written without spaces between two words (with a letter after it). */
    private static boolean compoundHyphen(List<CoreLabel> toks, int k) {
        if (k < 1 || k + 1 >= toks.size() || !isHyphen(toks.get(k))) {
            return false;
        }
        CoreLabel before = toks.get(k - 1);
        CoreLabel t = toks.get(k);
        CoreLabel after = toks.get(k + 1);
        return before.endPosition() == t.beginPosition() && t.endPosition() == after.beginPosition()
                && compoundPart(before) && compoundPart(after) && hasLetter(after.word());
    }

    private static final Pattern COMPOUND_PART = Pattern.compile("[\\p{L}\\p{N}]+");

    private static boolean compoundPart(CoreLabel t) {
        return COMPOUND_PART.matcher(t.word()).matches();
    }

    /**
     * The abstract databases' sub- and superscript markup ("x/sub i/", "B/sup 2/"): "sub" or "sup" written right
     * after a slash is not a word.
     */
    private static boolean markup(List<CoreLabel> toks, int k) {
        CoreLabel t = toks.get(k);
        String w = lower(t.word());
        if (w.equals("/sub") || w.equals("/sup")) {
            return true;
        }
        if (k == 0 || !(w.equals("sub") || w.equals("sup"))) {
            return false;
        }
        CoreLabel prev = toks.get(k - 1);
        return prev.word().endsWith("/") && prev.endPosition() == t.beginPosition();
    }

    private static boolean isHyphen(CoreLabel t) {
        String w = t.word();
        return w.equals("-") || w.equals("\u2010") || w.equals("\u2011");
    }

    private static boolean chunkable(CoreLabel t) {
        String tag = t.tag();
        if (tag == null || !(tag.startsWith("NN") || tag.startsWith("JJ"))) {
            return false;
        }
        if (!wordish(t.word()) || TIME_WORDS.contains(lower(t.word()))) {
            return false;
        }
        return tag.startsWith("NNP") || !Stopwords.isStopword(lower(t.word()));
    }

    private static void addChunk(Map<String, Group> phrases, String body, int si, int base, List<CoreLabel> toks,
                                 boolean[] cov, int begin, int end, int leadEnd) {
        int e = end;
        // end on a noun that does not begin a hyphenated compound (the compound is one word: all of it or none)
        while (e > begin && (!toks.get(e - 1).tag().startsWith("NN") || compoundHyphen(toks, e))) {
            e--;
        }
        int b = e;
        int words = 0;
        while (b > begin && words < MAX_PHRASE_WORDS) {
            b--;
            if (!isHyphen(toks.get(b))) {
                words++;
            }
        }
        // never start inside a compound
        while (b < e && (isHyphen(toks.get(b)) || compoundHyphen(toks, b - 1))) {
            b++;
        }
        if (e <= b) {
            return;
        }
        // the chunk itself, then each shorter phrase that keeps its head ("safe ship control" -> "ship control",
        // "control"), never starting inside a hyphenated compound
        boolean whole = true;
        for (int s = b; s < e; s++) {
            if (isHyphen(toks.get(s)) || compoundHyphen(toks, s - 1)) {
                continue;
            }
            boolean allCovered = true;
            for (int k = s; k < e; k++) {
                allCovered &= cov[k];
            }
            if (!allCovered) {
                addPhrase(phrases, body, si, base, toks, s, e, leadEnd, whole);
            }
            whole = false;
        }
    }

    private static void addPhrase(Map<String, Group> phrases, String body, int si, int base, List<CoreLabel> toks,
            int b, int e, int leadEnd, boolean whole) {
        StringBuilder key = new StringBuilder();
        boolean glue = true;
        for (int k = b; k < e; k++) {
            CoreLabel t = toks.get(k);
            if (isHyphen(t)) {
                key.append('-');
                glue = true;
                continue;
            }
            if (!glue) {
                key.append(' ');
            }
            glue = false;
            key.append(k == e - 1 ? lower(t.lemma()) : lower(t.word()));
        }
        Group g = phrases.computeIfAbsent(key.toString(), Group::new);
        g.add(body, si, base, toks, b, e, leadEnd, b == 0 && !toks.get(b).tag().startsWith("NNP"), whole);
    }

    private static void addEntity(Map<String, Group> entities, String body, int si, int base, List<CoreLabel> toks,
                                  int begin, int end, String type, int leadEnd) {
        String surface = ContentText.normaliseSpace(
                body.substring(toks.get(begin).beginPosition(), toks.get(end - 1).endPosition()));
        if (!hasLetter(surface)) {
            return;
        }
        Group g = entities.computeIfAbsent(lower(surface), Group::new);
        g.add(body, si, base, toks, begin, end, leadEnd, false, true);
        g.types.merge(type, 1, Integer::sum);
    }

    private static boolean matches(List<CoreLabel> toks, int at, List<String> words) {
        if (at + words.size() > toks.size()) {
            return false;
        }
        for (int k = 0; k < words.size(); k++) {
            if (!toks.get(at + k).word().equals(words.get(k))) {
                return false;
            }
        }
        return true;
    }

    private record EntityForm(Group group, List<String> words, String type) {
    }

    /** A written form of a topic: how often, and its tokens (original case for entity matching). */
    private static final class Form {
        int count;
        int nonInitial;
        final List<String> words;
        final List<String> lemmas;

        Form(List<String> words, List<String> lemmas) {
            this.words = words;
            this.lemmas = lemmas;
        }
    }

    private static final class Group {
        final String key;
        final Map<String, Form> forms = new LinkedHashMap<>();
        final List<Mention> mentions = new ArrayList<>();
        final Map<String, Integer> types = new HashMap<>();
        final List<Integer> positions = new ArrayList<>();
        int whole;
        boolean inLead;

        Group(String key) {
            this.key = key;
        }

        /**
         * @param base         token offset of the sentence in the text
         * @param decapitalise display the form with a lower-case first letter (sentence-initial common noun)
         * @param whole        the occurrence is a whole chunk or entity, not a shorter phrase inside a chunk
         */
        void add(String body, int si, int base, List<CoreLabel> toks, int b, int e, int leadEnd, boolean decapitalise,
                boolean whole) {
            positions.add(base + b);
            if (whole) {
                this.whole++;
            }
            int cb = toks.get(b).beginPosition();
            int ce = toks.get(e - 1).endPosition();
            String surface = body.substring(cb, ce);
            mentions.add(new Mention(si, cb, ce, surface));
            inLead |= cb < leadEnd;
            String display = ContentText.normaliseSpace(surface);
            if (decapitalise && display.length() > 1 && Character.isUpperCase(display.charAt(0))
                    && !Character.isUpperCase(display.charAt(1))) {
                display = Character.toLowerCase(display.charAt(0)) + display.substring(1);
            }
            Form f = forms.get(display);
            if (f == null) {
                List<String> words = new ArrayList<>();
                List<String> lemmas = new ArrayList<>();
                for (int k = b; k < e; k++) {
                    words.add(toks.get(k).word());
                    lemmas.add(lower(toks.get(k).lemma()));
                }
                f = new Form(List.copyOf(words), List.copyOf(lemmas));
                forms.put(display, f);
            }
            f.count++;
            if (b > 0) {
                f.nonInitial++;
            }
        }

        void absorb(Group other) {
            positions.addAll(other.positions);
            whole += other.whole;
            mentions.addAll(other.mentions);
            mentions.sort(Comparator.comparingInt(Mention::charBegin));
            inLead |= other.inLead;
            for (Map.Entry<String, Form> e : other.forms.entrySet()) {
                Form mine = forms.get(e.getKey());
                if (mine == null) {
                    forms.put(e.getKey(), e.getValue());
                } else {
                    mine.count += e.getValue().count;
                    mine.nonInitial += e.getValue().nonInitial;
                }
            }
        }

        String majorityType() {
            return types.entrySet().stream()
                    .min(Comparator.comparingInt((Map.Entry<String, Integer> en) -> -en.getValue())
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse("MISC");
        }

        Map.Entry<String, Form> displayForm() {
            Map.Entry<String, Form> best = null;
            for (Map.Entry<String, Form> e : forms.entrySet()) {
                Form f = e.getValue();
                Form bf = best == null ? null : best.getValue();
                if (bf == null || f.nonInitial > bf.nonInitial || (f.nonInitial == bf.nonInitial && f.count > bf.count)) {
                    best = e;
                }
            }
            return best;
        }

        Candidate candidate(String kind, Scorer scorer, List<String> titleWords, List<String> titleLemmas) {
            Map.Entry<String, Form> display = displayForm();
            Form f = display.getValue();
            List<String> lowerWords = f.words.stream().map(TopicExtractor::lower).toList();
            boolean inTitle = false;
            boolean allCaps = true;
            for (Form any : forms.values()) {
                List<String> lw = any.words.stream().map(TopicExtractor::lower).toList();
                inTitle |= containsSequence(titleWords, lw) || containsSequence(titleLemmas, any.lemmas);
                for (String w : any.words) {
                    allCaps &= !hasLetter(w) || w.equals(w.toUpperCase(Locale.ROOT));
                }
            }
            int first = Integer.MAX_VALUE;
            double positionSum = 0;
            for (int p : positions) {
                first = Math.min(first, p);
                positionSum += 1.0 / (p + 1);
            }
            Set<Integer> inSentences = new HashSet<>();
            for (Mention m : mentions) {
                inSentences.add(m.sentence());
            }
            Features x = new Features(mentions.size(), whole, first, positionSum, inTitle, lowerWords, kind, allCaps,
                    inSentences.size(), inSentences.contains(0));
            List<String> content = contentWords(x.lowerWords());
            Topic.Parts parts = scorer.parts(x, content);
            return new Candidate(new Topic(display.getKey(), kind, round(parts.sum()), mentions.size(),
                    List.copyOf(mentions), parts), x, scorer.tokens(), content.stream()
                    .map(cw -> scorer.stemCounts().getOrDefault(BackgroundFrequencies.stem(cw), 0)).toList());
        }
    }

    /**
     * The best {@code maxTopics} topics by weight (ties: phrase, then kind), skipping a topic whose words (Porter
     * stems) lie inside a better topic already chosen: "control" after "ship control", "Arafat" after "Yasser
     * Arafat" takes no slot of its own (README "Keyphrase quality (topics)": sub-phrase redundancy). Without
     * {@code skipSubPhrases} (page topics, which are keys matched across pages: "sea otter" inside "sea otter facts"
     * must stay a key of its own) only the weights decide.
     */
    static List<Topic> select(List<Candidate> candidates, int maxTopics, boolean skipSubPhrases) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Candidate c) -> c.topic().weight()).reversed()
                .thenComparing(c -> c.topic().phrase()).thenComparing(c -> c.topic().kind()));
        List<Topic> top = new ArrayList<>();
        List<List<String>> chosen = new ArrayList<>();
        for (Candidate c : sorted) {
            if (top.size() >= maxTopics) {
                break;
            }
            List<String> stems = stems(c.features().lowerWords());
            boolean inside = false;
            for (List<String> longer : skipSubPhrases ? chosen : List.<List<String>>of()) {
                if (longer.size() > stems.size() && containsSequence(longer, stems)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                top.add(c.topic());
                chosen.add(stems);
            }
        }
        return List.copyOf(top);
    }

    /** The Porter stems of the letter-and-digit words of a phrase ("multi-step games" → multi, step, game). */
    static List<String> stems(List<String> lowerWords) {
        List<String> out = new ArrayList<>();
        for (String w : lowerWords) {
            for (String part : BackgroundFrequencies.words(w)) {
                out.add(BackgroundFrequencies.stem(part));
            }
        }
        return out;
    }

    private static final class TermGroup {
        final Map<String, Integer> surfaces = new LinkedHashMap<>();
        int count;
        boolean inLead;

        void add(String lowerWord, boolean lead) {
            surfaces.merge(lowerWord, 1, Integer::sum);
            count++;
            inLead |= lead;
        }

        String display() {
            String best = null;
            int n = 0;
            for (Map.Entry<String, Integer> e : surfaces.entrySet()) {
                if (e.getValue() > n) {
                    best = e.getKey();
                    n = e.getValue();
                }
            }
            return best;
        }
    }

    // ---------------------------------------------------------------- weights and helpers

    /** A candidate topic (before the cut to the best ones) with the features its weight was computed from. */
    public record Candidate(Topic topic, Features features, int tokens, List<Integer> wordCounts) {
    }

    private java.util.function.Consumer<List<Candidate>> candidateSink;

    /** Research hook ({@code bench keyphrases --candidates}): receives every candidate of each extraction. */
    public TopicExtractor withCandidateSink(java.util.function.Consumer<List<Candidate>> sink) {
        TopicExtractor t = new TopicExtractor(pipeline, background);
        t.candidateSink = sink;
        return t;
    }

    /**
     * What a topic's weight is computed from (see {@link Scorer}).
     *
     * @param count         occurrences (whole chunks, entities and shorter phrases inside chunks)
     * @param whole         occurrences as a whole chunk or entity
     * @param first         token offset of the first occurrence in the text
     * @param positionSum   sum over the occurrences of 1 / (token offset + 1) (PositionRank's position prior)
     * @param inTitle       the phrase occurs in the title
     * @param lowerWords    the display form's tokens, lower-cased
     * @param kind          {@link Topic#KEYPHRASE} or the entity type
     * @param allCaps       every written form is in capitals
     * @param sentences     sentences with an occurrence
     * @param firstSentence an occurrence is in the first sentence
     */
    public record Features(int count, int whole, int first, double positionSum, boolean inTitle, List<String> lowerWords,
                    String kind, boolean allCaps, int sentences, boolean firstSentence) {
    }

    /** The part of {@link Topic.Parts} a feature's term is added to. */
    public enum Part { FREQUENCY, POSITION, TITLE, SPECIFICITY, LENGTH, KIND, ALL_CAPS }

    /** The inputs of the topic weight, each in one {@link Part}; N = documents of the word idf source. */
    public enum Feature {
        /** 1 + ln count. */
        TF(Part.FREQUENCY),
        /** ln(1 + whole-chunk count). */
        WHOLE(Part.FREQUENCY),
        /** whole-chunk count / count. */
        WHOLE_SHARE(Part.FREQUENCY),
        /** sentences with an occurrence / sentences of the text. */
        SPREAD(Part.FREQUENCY),
        /** count / the largest count of a candidate of the text. */
        RELATIVE_COUNT(Part.FREQUENCY),
        /** first token offset / tokens. */
        FIRST(Part.POSITION),
        /** sum of 1 / (token offset + 1), PositionRank's prior. */
        POSITION_SUM(Part.POSITION),
        /** 1 when it occurs in the first sentence. */
        FIRST_SENTENCE(Part.POSITION),
        /** 1 when in the title. */
        TITLE(Part.TITLE),
        /** mean word idf / ln N. */
        WORD_IDF(Part.SPECIFICITY),
        /** lowest word idf / ln N. */
        WORD_IDF_MIN(Part.SPECIFICITY),
        /** highest word idf / ln N. */
        WORD_IDF_MAX(Part.SPECIFICITY),
        /** idf of the last word / ln N. */
        HEAD_IDF(Part.SPECIFICITY),
        /** phrase idf (background word pairs) / ln N of the background table. */
        PHRASE_IDF(Part.SPECIFICITY),
        /** (1 + ln count) times the phrase idf above. */
        COUNT_PHRASE_IDF(Part.SPECIFICITY),
        /** sum over the words of ln(1 + count of its stem in the text) times idf / ln N. */
        WORD_TFIDF_SUM(Part.SPECIFICITY),
        /** the mean of the same over the words. */
        WORD_TFIDF_MEAN(Part.SPECIFICITY),
        /** 1 for a one-word phrase. */
        ONE_WORD(Part.LENGTH),
        /** min(5, words). */
        WORDS(Part.LENGTH),
        /** 1 for a place. */
        LOCATION(Part.KIND),
        /** 1 for a person. */
        PERSON(Part.KIND),
        /** 1 for an organisation. */
        ORGANIZATION(Part.KIND),
        /** 1 when every written form is in capitals. */
        ALL_CAPS(Part.ALL_CAPS);

        final Part part;

        Feature(Part part) {
            this.part = part;
        }
    }

    /**
     * A feature's coefficient: {@code base + perLength·L} with {@code L = ln(tokens of the text) - 5.5}, so a long
     * news story can weigh frequency and position more and specificity less than a 250-token abstract.
     */
    public record Weight(double base, double perLength) {
        /** The coefficient in a text with {@code L = l}. */
        public double at(double l) {
            return base + perLength * l;
        }
    }

    /**
     * The coefficients LinkScout ships: a logistic regression of "this candidate is a gold keyphrase" on the features
     * and their products with L (except the length prior's), fitted on the keyphrase dev set with the two subsets
     * weighing the same (README "Keyphrase quality (topics)"), plus a prior against one-word topics:
     * {@link #ONE_WORD_PRIOR} is added to the fitted {@code ONE_WORD} coefficient (-0.4728). A topic's weight is its
     * log-odds up to a constant that is the same for every topic of a text.
     */
    public static final Map<Feature, Weight> WEIGHTS = weights();

    /**
     * Added to the fitted one-word coefficient. The fit learns from the news stories' crowd gold (~48 phrases a
     * story, 74 % single words) that single words are good news topics, so 71 % of a news story's top 10 were single
     * words, and on the news stories' multi-word gold (the DUC-2001 estimate) the topics fell below the lead
     * baseline (FirstPhrases over the same candidates). -0.5 is the smallest shift that puts every dev kind above that
     * baseline on held-out halves (README "A prior against one-word topics"; {@code models/topic_fit.py --prior}).
     */
    public static final double ONE_WORD_PRIOR = -0.5;

    private static Map<Feature, Weight> weights() {
        Map<Feature, Weight> w = new java.util.EnumMap<>(Feature.class);
        w.put(Feature.TF, new Weight(-0.2036, 0.5367));
        w.put(Feature.WHOLE, new Weight(1.2781, -1.0510));
        w.put(Feature.WHOLE_SHARE, new Weight(0.1227, 0.3191));
        w.put(Feature.SPREAD, new Weight(-1.7315, -0.5970));
        w.put(Feature.RELATIVE_COUNT, new Weight(0.3041, 0.6608));
        w.put(Feature.FIRST, new Weight(-0.2732, -0.1459));
        w.put(Feature.POSITION_SUM, new Weight(0.4378, 0.3057));
        w.put(Feature.FIRST_SENTENCE, new Weight(0.0885, 0.0646));
        w.put(Feature.TITLE, new Weight(0.1787, -0.1331));
        w.put(Feature.WORD_IDF, new Weight(1.6493, -1.3633));
        w.put(Feature.WORD_IDF_MIN, new Weight(0.6583, 0.4795));
        w.put(Feature.WORD_IDF_MAX, new Weight(-0.1291, 0.4070));
        w.put(Feature.HEAD_IDF, new Weight(-0.6679, 0.3553));
        w.put(Feature.PHRASE_IDF, new Weight(-0.5711, -0.7949));
        w.put(Feature.COUNT_PHRASE_IDF, new Weight(0.3795, -0.4883));
        w.put(Feature.WORD_TFIDF_SUM, new Weight(-0.2838, -0.5421));
        w.put(Feature.WORD_TFIDF_MEAN, new Weight(0.4677, 1.3807));
        w.put(Feature.ONE_WORD, new Weight(-0.4728 + ONE_WORD_PRIOR, 0.0000));
        w.put(Feature.WORDS, new Weight(-0.0070, 0.0000));
        w.put(Feature.LOCATION, new Weight(0.4370, -0.1731));
        w.put(Feature.PERSON, new Weight(-0.7044, 0.3667));
        w.put(Feature.ORGANIZATION, new Weight(-0.0734, -0.0412));
        w.put(Feature.ALL_CAPS, new Weight(-0.7200, -0.0106));
        return java.util.Collections.unmodifiableMap(w);
    }

    /** Middle of the length scale: {@code L = ln(tokens) - LENGTH_CENTRE} (ln 245 tokens). */
    public static final double LENGTH_CENTRE = 5.5;

    /**
     * Turns {@link Features} into the {@link Topic.Parts} of the weight: each part is the sum over its
     * {@link Feature}s of coefficient(L) times value. A word's idf comes from {@code words} (index or background table),
     * the phrase idf from the background table's word pairs; the words are the phrase's {@link #contentWords}, counted
     * in the text by Porter stem ({@code stemCounts}).
     *
     * @param sentences sentences of the text
     * @param maxCount  the largest occurrence count of a candidate of the text
     */
    record Scorer(Map<Feature, Weight> w, TermStatistics words, BackgroundFrequencies phrases,
                  Map<String, Integer> stemCounts, int tokens, int sentences, int maxCount) {

        double length() {
            return Math.log(Math.max(1, tokens)) - LENGTH_CENTRE;
        }

        /**
         * Each feature's value for {@code x} by {@link Feature#ordinal()}; {@code content} is
         * {@link #contentWords contentWords(x.lowerWords())}.
         */
        double[] valueArray(Features x, List<String> content) {
            double[] v = new double[FEATURES.length];
            double tf = tf(x.count());
            v[Feature.TF.ordinal()] = tf;
            v[Feature.WHOLE.ordinal()] = Math.log(1 + x.whole());
            v[Feature.WHOLE_SHARE.ordinal()] = (double) x.whole() / Math.max(1, x.count());
            v[Feature.SPREAD.ordinal()] = (double) x.sentences() / Math.max(1, sentences);
            v[Feature.RELATIVE_COUNT.ordinal()] = (double) x.count() / Math.max(1, maxCount);
            v[Feature.FIRST.ordinal()] = (double) x.first() / Math.max(1, tokens);
            v[Feature.POSITION_SUM.ordinal()] = x.positionSum();
            v[Feature.FIRST_SENTENCE.ordinal()] = x.firstSentence() ? 1.0 : 0.0;
            v[Feature.TITLE.ordinal()] = x.inTitle() ? 1.0 : 0.0;
            double lnN = words.numDocs() > 1 ? Math.log(words.numDocs()) : 0;
            double sum = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double last = 1.0;
            double tfidf = 0;
            int n = 0;
            for (String word : content) {
                double idf = lnN > 0 ? words.idf(word) / lnN : 1.0;
                sum += idf;
                min = Math.min(min, idf);
                max = Math.max(max, idf);
                last = idf;
                tfidf += Math.log(1 + stemCounts.getOrDefault(BackgroundFrequencies.stem(word), 0)) * idf;
                n++;
            }
            v[Feature.WORD_IDF.ordinal()] = n == 0 ? 1.0 : sum / n;
            v[Feature.WORD_IDF_MIN.ordinal()] = n == 0 ? 1.0 : min;
            v[Feature.WORD_IDF_MAX.ordinal()] = n == 0 ? 1.0 : max;
            v[Feature.HEAD_IDF.ordinal()] = last;
            double phraseIdf = phrases.numDocs() > 1
                    ? phrases.phraseIdf(x.lowerWords()) / Math.log(phrases.numDocs()) : 0;
            v[Feature.PHRASE_IDF.ordinal()] = phraseIdf;
            v[Feature.COUNT_PHRASE_IDF.ordinal()] = tf * phraseIdf;
            v[Feature.WORD_TFIDF_SUM.ordinal()] = tfidf;
            v[Feature.WORD_TFIDF_MEAN.ordinal()] = n == 0 ? 0 : tfidf / n;
            int wordCount = 0;
            for (String t : x.lowerWords()) {
                if (!"-".equals(t)) {
                    wordCount++;
                }
            }
            v[Feature.ONE_WORD.ordinal()] = wordCount == 1 ? 1.0 : 0.0;
            v[Feature.WORDS.ordinal()] = Math.min(5, wordCount);
            v[Feature.LOCATION.ordinal()] = "LOCATION".equals(x.kind()) ? 1.0 : 0.0;
            v[Feature.PERSON.ordinal()] = "PERSON".equals(x.kind()) ? 1.0 : 0.0;
            v[Feature.ORGANIZATION.ordinal()] = "ORGANIZATION".equals(x.kind()) ? 1.0 : 0.0;
            v[Feature.ALL_CAPS.ordinal()] = x.allCaps() ? 1.0 : 0.0;
            return v;
        }

        Topic.Parts parts(Features x) {
            return parts(x, contentWords(x.lowerWords()));
        }

        /** As {@link #parts(Features)} with the phrase's {@link #contentWords} already found. */
        Topic.Parts parts(Features x, List<String> content) {
            double l = length();
            double[] part = new double[Part.values().length];
            double[] v = valueArray(x, content);
            for (Feature f : FEATURES) { // in declaration order, as the sums always were
                part[f.part.ordinal()] += w.get(f).at(l) * v[f.ordinal()];
            }
            return new Topic.Parts(round(part[0]), round(part[1]), round(part[2]), round(part[3]), round(part[4]),
                    round(part[5]), round(part[6]));
        }
    }

    private static final Feature[] FEATURES = Feature.values();

    /** The letter-and-digit words of a phrase that are not function words (all of them if every one is). */
    public static List<String> contentWords(List<String> lowerWords) {
        List<String> all = BackgroundFrequencies.words(String.join(" ", lowerWords));
        List<String> content = all.stream().filter(w -> !Stopwords.isStopword(w)).toList();
        return content.isEmpty() ? all : content;
    }

    static double tf(int count) {
        return count <= 0 ? 0 : 1.0 + Math.log(count);
    }

    static double round(double w) {
        return Math.round(w * 10_000.0) / 10_000.0;
    }

    private static boolean containsSequence(List<String> haystack, List<String> needle) {
        if (needle.isEmpty() || needle.size() > haystack.size()) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            for (int k = 0; k < needle.size(); k++) {
                if (!haystack.get(i + k).equals(needle.get(k))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** End offset of the lead: up to the end of the first paragraph with at least LEAD_MIN_WORDS words. */
    static int leadEnd(String text) {
        Matcher m = PARAGRAPH_BREAK.matcher(text);
        int start = 0;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : text.length();
            Matcher w = WORD.matcher(text).region(start, end);
            int words = 0;
            while (words < LEAD_MIN_WORDS && w.find()) {
                words++;
            }
            if (words >= LEAD_MIN_WORDS || !found) {
                return end;
            }
            start = m.end();
        }
    }

    private static String entityType(String ner) {
        if (ner == null) {
            return null;
        }
        return switch (ner) {
            case "PERSON" -> "PERSON";
            case "ORGANIZATION" -> "ORGANIZATION";
            case "LOCATION", "CITY", "COUNTRY", "STATE_OR_PROVINCE" -> "LOCATION";
            case "MISC", "NATIONALITY", "RELIGION", "IDEOLOGY" -> "MISC";
            default -> null;
        };
    }

    private static boolean isTermTag(String tag) {
        return tag != null && (tag.startsWith("NN") || tag.startsWith("JJ") || tag.equals("FW"));
    }

    static boolean wordish(String w) {
        return w != null && w.length() >= 2 && hasLetter(w) && !w.contains("://") && !w.contains("@");
    }

    static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
