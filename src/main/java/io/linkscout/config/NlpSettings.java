package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linkscout.nlp.*} (README "Configuration"). */
@ConfigMapping(prefix = "linkscout.nlp")
public interface NlpSettings {

    /** {@code linkscout.nlp.full-ner}: CoreNLP's full NER (SUTime, numeric classifiers, fine-grained; slower). */
    @WithDefault("false")
    boolean fullNer();

    /** {@code linkscout.nlp.ner-max-tokens}: NER runs on this many leading tokens (0 = all). */
    @WithDefault("1000")
    int nerMaxTokens();
}
