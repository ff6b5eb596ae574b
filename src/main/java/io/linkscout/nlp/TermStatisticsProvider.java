package io.linkscout.nlp;

import java.nio.file.Path;

/**
 * Gives the {@link TermStatistics} of an index, for the idf part of topic weights. The default CDI bean
 * ({@link NoTermStatisticsProvider}) answers {@link TermStatistics#NONE}; the index module replaces it with an
 * {@code @ApplicationScoped} bean of its own (the default is a {@code @DefaultBean}).
 */
public interface TermStatisticsProvider {

    /**
     * @param indexDirOrNull the index folder given by the user ({@code --index}), or {@code null} for "the
     *                       configured default index, if there is one"
     * @return statistics of that index, or {@link TermStatistics#NONE} when there is none (never {@code null});
     *         an explicitly given folder that is not an index should raise a {@code UserException}
     */
    TermStatistics forIndex(Path indexDirOrNull);
}
