package io.linkscout.nlp;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Default {@link TermStatisticsProvider}: no index statistics, every idf is neutral. Replaced by any other bean. */
@ApplicationScoped
@DefaultBean
public class NoTermStatisticsProvider implements TermStatisticsProvider {

    @Override
    public TermStatistics forIndex(Path indexDirOrNull) {
        return TermStatistics.NONE;
    }
}
