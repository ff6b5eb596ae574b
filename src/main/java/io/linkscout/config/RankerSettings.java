package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code linkscout.ranker.*} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.ranker")
public interface RankerSettings {

    /** {@code linkscout.ranker.model}: a trained model file to use instead of the bundled one. */
    Optional<String> model();
}
