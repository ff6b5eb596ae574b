package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code linkscout.crawl.*} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.crawl")
public interface CrawlSettings {

    /** {@code linkscout.crawl.contact}: contact URL in the crawler's User-Agent {@code LinkScout/0.1 (+URL)}. */
    @WithDefault("https://github.com/linkscout/linkscout")
    String contact();

    /** {@code linkscout.crawl.user-agent}: a whole User-Agent for the crawler instead (empty: none). */
    Optional<String> userAgent();
}
