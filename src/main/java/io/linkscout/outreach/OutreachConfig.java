package io.linkscout.outreach;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code linkscout.outreach.*}: shortlist rules. */
@ConfigMapping(prefix = "linkscout.outreach")
public interface OutreachConfig {

    /** How many prospects a shortlist holds (the best eligible domains; those already in the campaign count). */
    @WithDefault("50")
    int shortlistSize();

    /** A domain contacted in another campaign within this many days is not suggested (0 = rule off). */
    @WithDefault("90")
    int contactedWithinDays();

    /** How many ranked sites the shortlist asks the recommender for before applying the rules (max 1000). */
    @WithDefault("300")
    int candidates();

    /**
     * {@code linkscout.outreach.max-import-rows}: data rows in one CSV import of exclusions (API and
     * {@code campaign exclude --csv}); a longer file is refused whole.
     */
    @WithDefault("10000")
    int maxImportRows();
}
