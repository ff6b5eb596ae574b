package io.linkscout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code linkscout.authority.*} (README "Configuration" and "Authority, trust and spam"). The pure computations
 * take the plain value {@code AuthorityConfig} of the quality package, built from this mapping in one place
 * ({@code AuthorityConfig.of}).
 */
@ConfigMapping(prefix = "linkscout.authority")
public interface AuthoritySettings {

    /** PageRank / TrustRank / topic-sensitive PageRank damping. */
    @WithDefault("0.85")
    double damping();

    /** Whether nofollow/sponsored/ugc links pass authority (and count for harmonic centrality). */
    @WithDefault("false")
    boolean passUnfollowed();

    /** Weight {@code w} of the external prior in {@code authority = (1-w)·graph + w·prior}. */
    @WithDefault("0")
    double priorWeight();

    /** Sites whose link-graph spam score reaches this pass no authority. */
    @WithDefault("50")
    double demoteAt();

    /** Recommendations whose spam score reaches this are listed after all others (flagged DEMOTED). */
    @WithDefault("60")
    double demoteResultsAt();

    /** γ, teleport mass of the trusted core in spam mass. */
    @WithDefault("0.8")
    double goodFraction();

    /** Topics for topical authority: {@code catalog} or {@code none}. */
    @WithDefault("catalog")
    String topicSource();
}
