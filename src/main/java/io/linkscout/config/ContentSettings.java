package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linkscout.content.*} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.content")
public interface ContentSettings {

    /** {@code linkscout.content.max-chars}: content longer than this (after conversion) is refused (413). */
    @WithDefault("300000")
    int maxChars();
}
