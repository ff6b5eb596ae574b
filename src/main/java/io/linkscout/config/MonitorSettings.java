package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code linkscout.monitor.*}: re-checking won links (README "Won links, watched"). */
@ConfigMapping(prefix = "linkscout.monitor")
public interface MonitorSettings {

    /**
     * {@code linkscout.monitor.every}: how often {@code serve} runs the monitor ({@code 24h}, {@code 30m}, ISO
     * {@code PT12H}); {@code off} (the default) never. Only {@code serve} runs the schedule.
     */
    @WithDefault("off")
    String every();

    /** {@code linkscout.monitor.max-pages}: won links checked in one run at most (the oldest checks first). */
    @WithDefault("200")
    int maxPages();

    /**
     * {@code linkscout.monitor.min-age}: a link checked more recently than this is not due (so a run that was
     * interrupted continues with the links it had not checked yet).
     */
    @WithDefault("PT1H")
    Duration minAge();

    /** {@code linkscout.monitor.delay}: least time between two requests to one host (the crawler's default). */
    @WithDefault("PT1S")
    Duration delay();

    /** {@code linkscout.monitor.allow-private}: allow loopback and private addresses (like crawl --allow-private). */
    @WithDefault("false")
    boolean allowPrivate();
}
