package io.linkscout.outreach;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a prospect is in the outreach pipeline, and which moves are allowed:
 *
 * <pre>
 * NEW       -> QUALIFIED, REJECTED
 * QUALIFIED -> CONTACTED, REJECTED
 * CONTACTED -> REPLIED, WON, LOST
 * REPLIED   -> WON, LOST
 * WON       -> LOST        (the link was removed later)
 * LOST      -> QUALIFIED   (try again)
 * REJECTED  -> NEW         (reconsider)
 * </pre>
 */
public enum ProspectStatus {
    NEW, QUALIFIED, CONTACTED, REPLIED, WON, LOST, REJECTED;

    /** The states this one may move to. */
    public Set<ProspectStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(QUALIFIED, REJECTED);
            case QUALIFIED -> EnumSet.of(CONTACTED, REJECTED);
            case CONTACTED -> EnumSet.of(REPLIED, WON, LOST);
            case REPLIED -> EnumSet.of(WON, LOST);
            case WON -> EnumSet.of(LOST);
            case LOST -> EnumSet.of(QUALIFIED);
            case REJECTED -> EnumSet.of(NEW);
        };
    }

    public boolean canMoveTo(ProspectStatus to) {
        return next().contains(to);
    }

    /** Parses a status name (any case); a {@link io.linkscout.error.UserException} (400) lists the valid ones. */
    public static ProspectStatus parse(String s) {
        if (s == null || s.isBlank()) {
            throw new io.linkscout.error.UserException("status is required: one of " + names());
        }
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.linkscout.error.UserException("unknown status \"" + s + "\": use one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    public static String names(Set<ProspectStatus> set) {
        List<String> n = set.stream().sorted().map(Enum::name).toList();
        return n.isEmpty() ? "none" : String.join(", ", n);
    }
}
