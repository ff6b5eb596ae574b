package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linkscout.index.*} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.index")
public interface IndexSettings {

    /** {@code linkscout.index.dir}: the index the API serves and the commands use without {@code --index}. */
    @WithDefault("index")
    String dir();
}
