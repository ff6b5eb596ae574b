package io.linkscout.nlp;

import jakarta.enterprise.context.ApplicationScoped;
import io.linkscout.config.ContentSettings;
import io.linkscout.config.NlpSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Topics of the user's content: {@link ContentText} (conversion and limits) + {@link TopicExtractor} over the
 * process-wide {@link NlpPipeline}, with idf from the {@link TermStatisticsProvider} bean.
 *
 * <p>Configuration: {@code linkscout.content.max-chars} (default 300000), {@code linkscout.nlp.full-ner} (default
 * false), {@code linkscout.nlp.ner-max-tokens} (default 1000; 0 = NER on the whole text).
 * Thread-safe. Outside CDI use {@link #TopicService(NlpPipeline.Options, int, TermStatisticsProvider)}.
 */
@ApplicationScoped
public class TopicService {

    int maxChars;

    boolean fullNer;

    int nerMaxTokens;

    TermStatisticsProvider statisticsProvider;

    private volatile TopicExtractor extractor;

    /** For CDI: the settings from {@code linkscout.content.*} and {@code linkscout.nlp.*}. */
    @Inject
    public TopicService(ContentSettings content, NlpSettings nlp, TermStatisticsProvider statisticsProvider) {
        this(new NlpPipeline.Options(nlp.fullNer(), nlp.nerMaxTokens()), content.maxChars(), statisticsProvider);
    }

    /** Outside CDI (tools, tests). */
    public TopicService(NlpPipeline.Options nlp, int maxChars, TermStatisticsProvider statisticsProvider) {
        this.maxChars = maxChars;
        this.fullNer = nlp.fullNer();
        this.nerMaxTokens = nlp.nerMaxTokens();
        this.statisticsProvider = statisticsProvider;
    }

    /** The shared extractor (its pipeline loads on first use). */
    public TopicExtractor extractor() {
        TopicExtractor e = extractor;
        if (e == null) {
            e = new TopicExtractor(NlpPipeline.shared(new NlpPipeline.Options(fullNer, nerMaxTokens)));
            extractor = e;
        }
        return e;
    }

    public ContentText.Options contentOptions(boolean allowNonEnglish) {
        return new ContentText.Options(maxChars, allowNonEnglish);
    }

    /** Converts and checks the content (errors as in {@link ContentText}). */
    public ContentText.Converted convert(String content, ContentType type, boolean allowNonEnglish) {
        return ContentText.convert(content, type, contentOptions(allowNonEnglish));
    }

    /** Statistics for {@code indexDirOrNull} (null = the configured default) from the provider bean. */
    public TermStatistics statistics(Path indexDirOrNull) {
        TermStatistics s = statisticsProvider == null ? null : statisticsProvider.forIndex(indexDirOrNull);
        return s == null ? TermStatistics.NONE : s;
    }

    /**
     * The whole path: convert, check, extract.
     *
     * @param title           the user's title, or null to use the one found in the content (HTML title, first
     *                        Markdown heading)
     * @param indexDirOrNull  index for idf ({@code null} = the provider's default)
     */
    public Topics topics(String title, String content, ContentType type, boolean allowNonEnglish,
                         Path indexDirOrNull, int top) {
        ContentText.Converted c = convert(content, type, allowNonEnglish);
        return extract(title, c, statistics(indexDirOrNull), top);
    }

    /**
     * As {@link #topics}, with the idf from {@code statistics} (the caller chose the index and its backend, e.g.
     * {@code topics --backend opensearch}); the content is checked before {@code statistics} is asked anything.
     */
    public Topics topicsWithStatistics(String title, String content, ContentType type, boolean allowNonEnglish,
                                       java.util.function.Supplier<TermStatistics> statistics, int top) {
        ContentText.Converted c = convert(content, type, allowNonEnglish);
        TermStatistics s = statistics.get();
        return extract(title, c, s == null ? TermStatistics.NONE : s, top);
    }

    private Topics extract(String title, ContentText.Converted c, TermStatistics statistics, int top) {
        String t = title != null && !title.isBlank() ? title.strip() : c.title();
        TopicResult r = extractor().extract(t, c.text(), statistics, top);
        return new Topics(t, c, r);
    }

    /** Result of {@link #topics}: the title used, the converted content and the extraction. */
    public record Topics(String title, ContentText.Converted content, TopicResult result) {
    }
}
