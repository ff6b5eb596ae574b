package io.linkscout.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.MorphaAnnotator;
import edu.stanford.nlp.pipeline.NERCombinerAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import io.linkscout.error.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Stanford CoreNLP pipeline LinkScout uses for the user's content: {@code tokenize, ssplit, pos, lemma} over
 * the whole text, then {@code ner} over a bounded prefix of it.
 *
 * <p><b>Models.</b> Everything is loaded from the classpath; nothing is downloaded. The default configuration needs
 * only the two model files the build unpacks from the CoreNLP models jar (see {@code models/README.md}):
 * {@value #POS_MODEL} and {@value #NER_MODEL}. NER runs the single 3-class CRF (PERSON, ORGANIZATION, LOCATION) with
 * SUTime, the numeric classifiers, fine-grained regexner, entity-mention building and doc-date off (additional
 * regexner rules and tokensregex rules are off because no {@code ner.additional.*} mapping is set):
 * that is about 15x faster than CoreNLP's NER defaults. {@link Options#fullNer()} (config
 * {@code linkscout.nlp.full-ner=true}) restores CoreNLP's default NER (3 CRFs, SUTime, numbers, fine-grained
 * types); it needs the complete models jar on the classpath.
 *
 * <p><b>Bounded NER.</b> NER is the slow part (about 12k tokens/s against 40k for the rest), so it runs on the
 * longest prefix of whole sentences holding at most {@link Options#nerMaxTokens()} tokens (at least one sentence;
 * 0 or less = the whole text). {@link TopicExtractor} then finds later occurrences of the entities it saw.
 * Tokens outside the prefix have no NER tag ({@code ner() == null}).
 *
 * <p><b>Sentences.</b> {@code ssplit.newlineIsSentenceBreak=two}: a blank line (paragraph, heading, list item from
 * {@link ContentText}) always ends a sentence, single line breaks don't.
 *
 * <p><b>Threads.</b> One instance per process ({@link #shared(Options)}), loaded lazily on first use and safe to
 * call from any number of threads: the tokenizer, sentence splitter and lemmatizer ({@code MorphaAnnotator} makes a
 * new {@code Morphology} per call) keep no per-call state, {@code MaxentTagger} and {@code CRFClassifier} tag with
 * per-call objects, and the one piece of shared mutable classifier state, the CRF's test-time "known lower-case
 * words" set, is frozen with {@code ner.maxAdditionalKnownLCWords=0} (so results also don't depend on what was
 * analysed before). Verified by {@code NlpPipelineTest}/{@code TopicExtractorTest}.
 */
public final class NlpPipeline {

    public static final String POS_MODEL = "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";
    public static final String NER_MODEL = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";
    public static final int DEFAULT_NER_MAX_TOKENS = 1000;

    /**
     * @param fullNer      CoreNLP's default NER (slow, needs the full models jar) instead of the fast 3-class one
     * @param nerMaxTokens NER runs on the first sentences holding at most this many tokens; {@code <= 0} = all
     */
    public record Options(boolean fullNer, int nerMaxTokens) {
        public static Options defaults() {
            return new Options(false, DEFAULT_NER_MAX_TOKENS);
        }
    }

    private static final ConcurrentMap<Options, NlpPipeline> SHARED = new ConcurrentHashMap<>();

    private final Options options;
    private volatile Loaded loaded;
    private volatile StanfordCoreNLP tokenizer;
    private final MorphaAnnotator lemmas = new MorphaAnnotator(false);
    private volatile long loadMillis = -1;

    private record Loaded(StanfordCoreNLP base, NERCombinerAnnotator ner) {
    }

    private NlpPipeline(Options options) {
        this.options = options;
    }

    /** The process-wide pipeline with the default options (loaded on first {@link #annotate}). */
    public static NlpPipeline shared() {
        return shared(Options.defaults());
    }

    /** The process-wide pipeline for {@code options} (one per distinct options value). */
    public static NlpPipeline shared(Options options) {
        return SHARED.computeIfAbsent(options, NlpPipeline::new);
    }

    public Options options() {
        return options;
    }

    /** Milliseconds the models took to load, or -1 if not loaded yet. */
    public long loadMillis() {
        return loadMillis;
    }

    /** Loads the models now (otherwise the first {@link #annotate} does); idempotent. */
    public NlpPipeline load() {
        loaded();
        return this;
    }

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    long t0 = System.nanoTime();
                    l = create(options);
                    loadMillis = (System.nanoTime() - t0) / 1_000_000;
                    loaded = l;
                }
            }
        }
        return l;
    }

    static Properties baseProperties() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma");
        p.setProperty("tokenize.language", "en");
        // keep odd characters as tokens instead of logging a warning for each
        p.setProperty("tokenize.options", "untokenizable=noneKeep");
        p.setProperty("ssplit.newlineIsSentenceBreak", "two");
        p.setProperty("pos.model", POS_MODEL);
        return p;
    }

    static Properties nerProperties(boolean fullNer) {
        Properties p = new Properties();
        if (!fullNer) {
            p.setProperty("ner.model", NER_MODEL);
            p.setProperty("ner.useSUTime", "false");
            p.setProperty("ner.applyNumericClassifiers", "false");
            p.setProperty("ner.applyFineGrained", "false");
            p.setProperty("ner.buildEntityMentions", "false");
        } else {
            p.setProperty("ner.buildEntityMentions", "false");
        }
        p.setProperty("ner.maxAdditionalKnownLCWords", "0");
        return p;
    }

    private static Loaded create(Options options) {
        try {
            StanfordCoreNLP base = new StanfordCoreNLP(baseProperties());
            NERCombinerAnnotator ner = new NERCombinerAnnotator(nerProperties(options.fullNer()));
            return new Loaded(base, ner);
        } catch (Exception | LinkageError e) {
            String hint = options.fullNer()
                    ? " (linkscout.nlp.full-ner=true needs the complete stanford-corenlp 4.5.10 models jar on the"
                    + " classpath; set it to false to use the bundled models)"
                    : " (the application was built without the unpacked CoreNLP models; rebuild with ./mvnw package)";
            throw new UserException("cannot load the CoreNLP models: " + e.getMessage() + hint, e);
        }
    }

    /** Annotates {@code text}: tokens, sentences, POS tags, lemmas everywhere, NER tags on the bounded prefix. */
    public Annotation annotate(String text) {
        return annotate(text, true);
    }

    /**
     * @param withNer false = only {@code tokenize, ssplit, pos, lemma} (e.g. for a title)
     */
    public Annotation annotate(String text, boolean withNer) {
        Loaded l = loaded();
        Annotation doc = new Annotation(text);
        l.base().annotate(doc);
        if (withNer) {
            List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
            List<CoreMap> prefix = nerPrefix(sentences, options.nerMaxTokens());
            if (!prefix.isEmpty()) {
                Annotation part = new Annotation(text);
                List<CoreLabel> tokens = new ArrayList<>();
                for (CoreMap s : prefix) {
                    tokens.addAll(s.get(CoreAnnotations.TokensAnnotation.class));
                }
                part.set(CoreAnnotations.SentencesAnnotation.class, prefix);
                part.set(CoreAnnotations.TokensAnnotation.class, tokens);
                l.ner().annotate(part);
            }
        }
        return doc;
    }

    /**
     * Annotates {@code text} without CoreNLP's tagger: CoreNLP's tokens and sentences (same settings as
     * {@link #annotate}), part-of-speech tags from {@code lexicon} ({@link PosLexicon}, about 50 times faster), then
     * CoreNLP's lemmas. No NER. Does not load the tagger or NER models.
     */
    public Annotation annotateLexical(String text, PosLexicon lexicon) {
        Annotation doc = new Annotation(text);
        tokenizer().annotate(doc);
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            lexicon.tag(s.get(CoreAnnotations.TokensAnnotation.class));
        }
        lemmatise(doc);
        return doc;
    }

    /**
     * CoreNLP's lemmas ({@code MorphaAnnotator}) for every token of {@code doc}, each distinct (word, tag) pair
     * lemmatised once per pipeline: the lemma is a function of the two, and the annotator builds a new lexer for
     * every call (27 % of the page topics' time at ingest was lemmatising the same words again). The memo holds at
     * most {@value #LEMMA_MEMO_MAX} pairs (about 20 MB at most); pairs beyond it are lemmatised every time.
     */
    void lemmatise(Annotation doc) {
        List<CoreLabel> misses = new ArrayList<>();
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
                String lemma = t.tag() == null ? null : lemmaMemo.get(lemmaKey(t));
                if (lemma != null) {
                    t.setLemma(lemma);
                } else {
                    misses.add(t);
                }
            }
        }
        if (misses.isEmpty()) {
            return;
        }
        CoreMap sentence = new ArrayCoreMap();
        sentence.set(CoreAnnotations.TokensAnnotation.class, misses);
        Annotation rest = new Annotation("");
        rest.set(CoreAnnotations.SentencesAnnotation.class, List.of(sentence));
        lemmas.annotate(rest); // sets the lemma on the same token objects
        for (CoreLabel t : misses) {
            if (t.tag() != null && t.lemma() != null && lemmaMemo.size() < LEMMA_MEMO_MAX) {
                lemmaMemo.putIfAbsent(lemmaKey(t), t.lemma());
            }
        }
    }

    /** Most (word, tag) pairs {@link #lemmatise} remembers. */
    static final int LEMMA_MEMO_MAX = 200_000;

    private final ConcurrentMap<String, String> lemmaMemo = new ConcurrentHashMap<>();

    private static String lemmaKey(CoreLabel t) {
        return t.word() + '\u0000' + t.tag();
    }

    int lemmaMemoSize() {
        return lemmaMemo.size();
    }

    private StanfordCoreNLP tokenizer() {
        StanfordCoreNLP t = tokenizer;
        if (t == null) {
            synchronized (this) {
                t = tokenizer;
                if (t == null) {
                    Properties p = baseProperties();
                    p.setProperty("annotators", "tokenize,ssplit");
                    p.remove("pos.model");
                    t = new StanfordCoreNLP(p);
                    tokenizer = t;
                }
            }
        }
        return t;
    }

    /** The first sentences holding at most {@code maxTokens} tokens (always at least one; all if maxTokens <= 0). */
    static List<CoreMap> nerPrefix(List<CoreMap> sentences, int maxTokens) {
        if (sentences == null || sentences.isEmpty()) {
            return List.of();
        }
        if (maxTokens <= 0) {
            return sentences;
        }
        int n = 0;
        int total = 0;
        for (CoreMap s : sentences) {
            int size = s.get(CoreAnnotations.TokensAnnotation.class).size();
            if (n > 0 && total + size > maxTokens) {
                break;
            }
            total += size;
            n++;
        }
        return sentences.subList(0, n);
    }
}
