package io.linkscout.quality;

import io.linkscout.config.AuthoritySettings;

/**
 * Settings of the authority, trust and spam computation, a plain value for code that also runs outside CDI; built
 * from the configuration ({@code io.linkscout.config.AuthoritySettings}) in one place:
 * <ul>
 * <li>{@code linkscout.authority.damping} (0.85): PageRank/TrustRank damping.</li>
 * <li>{@code linkscout.authority.pass-unfollowed} (false): whether nofollow/sponsored/ugc links pass authority.</li>
 * <li>{@code linkscout.authority.prior-weight} (0): weight {@code w} of the external prior (Moz DA, else Majestic
 * rank) in {@code authority = (1−w)·graph + w·prior}; 0 keeps authority purely from the ingested graph.</li>
 * <li>{@code linkscout.authority.demote-at} (50): sites whose link-graph spam score reaches this pass no authority
 * in the final PageRank.</li>
 * <li>{@code linkscout.authority.good-fraction} (0.8): γ, the estimated share of good sites, the teleport mass
 * given to the trusted core in spam mass ({@link io.linkscout.graph.TrustRank}).</li>
 * <li>{@code linkscout.authority.topic-source} (catalog): where topics for topical authority come from
 * ({@code catalog}: the catalog's categories; {@code none}: skip).</li>
 * </ul>
 */
public record AuthorityConfig(double damping, boolean passUnfollowed, double priorWeight, double demoteAt,
        double goodFraction, String topicSource) {

    public static final AuthorityConfig DEFAULTS = new AuthorityConfig(0.85, false, 0.0, 50.0, 0.8, "catalog");

    /** The configured settings ({@code linkscout.authority.*}); an out-of-range value fails here, naming its key. */
    public static AuthorityConfig of(AuthoritySettings s) {
        return new AuthorityConfig(s.damping(), s.passUnfollowed(), s.priorWeight(), s.demoteAt(), s.goodFraction(),
                s.topicSource());
    }

    public AuthorityConfig {
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("linkscout.authority.damping must be between 0 and 1 (exclusive), "
                    + "got " + damping);
        }
        if (!(priorWeight >= 0 && priorWeight <= 1)) {
            throw new IllegalArgumentException("linkscout.authority.prior-weight must be in [0, 1], got "
                    + priorWeight);
        }
        if (!(goodFraction > 0 && goodFraction <= 1)) {
            throw new IllegalArgumentException("linkscout.authority.good-fraction must be in (0, 1], got "
                    + goodFraction);
        }
        if (!topicSource.equals("catalog") && !topicSource.equals("none")) {
            throw new IllegalArgumentException("linkscout.authority.topic-source must be catalog or none, got "
                    + topicSource);
        }
    }

    /**
     * Default of {@code linkscout.authority.demote-results-at}: recommendations whose spam score reaches this are
     * listed after every other result. Above the largest single flag weight but one (LINK_FARM, 0.6): one link-farm
     * flag at full strength is enough, a single content flag (at most 0.5) is not: it takes two independent signals.
     */
    public static final double DEMOTE_RESULTS_AT = 60;
}
