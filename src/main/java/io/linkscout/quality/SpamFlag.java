package io.linkscout.quality;

import java.util.List;

/**
 * One spam signal that fired, with the evidence a reviewer needs to check it.
 *
 * @param code     stable identifier (see the table in the README: "Authority, trust and spam")
 * @param message  what fired, in words, with the numbers
 * @param evidence concrete items: domains, URLs, text snippets
 * @param weight   the flag's weight {@code w} in the spam score
 * @param strength how strongly it fired, {@code s} in [0, 1]
 */
public record SpamFlag(String code, String message, List<String> evidence, double weight, double strength) {

    public SpamFlag {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        strength = Math.max(0, Math.min(1, strength));
    }

    /** The flag as one result line: {@code "CODE (weight w, strength s): message [evidence; ...]"}. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%s (weight %.2f, strength %.2f): %s%s", code, weight, strength,
                message, evidence.isEmpty() ? "" : " [" + String.join("; ", evidence) + "]");
    }

    /**
     * The 0–100 spam score of a set of flags: {@code 100·(1 − Π(1 − w_i·s_i))}. Each flag alone gives
     * {@code 100·w·s}; flags combine like independent probabilities, so several weak signals add up but the score
     * never exceeds 100. No flags: 0.
     */
    public static double score(List<SpamFlag> flags) {
        double keep = 1;
        for (SpamFlag f : flags) {
            keep *= 1 - Math.max(0, Math.min(1, f.weight() * f.strength()));
        }
        return 100 * (1 - keep);
    }

    /** Flag codes and weights (also documented in the README table). */
    public static final String HIGH_SPAM_MASS = "HIGH_SPAM_MASS";
    public static final String LINK_FARM = "LINK_FARM";
    public static final String RECIPROCAL_LINKS = "RECIPROCAL_LINKS";
    public static final String LINKED_FROM_SPAM = "LINKED_FROM_SPAM";
    public static final String SINGLE_REFERRER = "SINGLE_REFERRER";
    public static final String SPONSORED_SHARE = "SPONSORED_SHARE";
    public static final String OUTLINK_RATIO = "OUTLINK_RATIO";
    public static final String THIN_CONTENT = "THIN_CONTENT";
    public static final String DUPLICATE_CONTENT = "DUPLICATE_CONTENT";
    public static final String SPAM_VOCABULARY = "SPAM_VOCABULARY";

    public static double weightOf(String code) {
        return switch (code) {
            case HIGH_SPAM_MASS -> 0.4;
            case LINK_FARM -> 0.6;
            case RECIPROCAL_LINKS -> 0.3;
            case LINKED_FROM_SPAM -> 0.3;
            case SINGLE_REFERRER -> 0.25;
            case SPONSORED_SHARE -> 0.3;
            case OUTLINK_RATIO -> 0.3;
            case THIN_CONTENT -> 0.2;
            case DUPLICATE_CONTENT -> 0.3;
            case SPAM_VOCABULARY -> 0.5;
            default -> throw new IllegalArgumentException("unknown spam flag " + code);
        };
    }

    static SpamFlag of(String code, String message, List<String> evidence, double strength) {
        return new SpamFlag(code, message, evidence, weightOf(code), strength);
    }
}
