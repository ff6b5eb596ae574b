package io.linkscout.security;

import io.linkscout.error.UserException;
import java.util.Locale;
import java.util.Set;

/** What a user may do. Each role includes the ones below it: admin ⊃ editor ⊃ viewer. */
public enum Role {
    /** Reads: recommendations, sites, campaigns, prospects. */
    VIEWER,
    /** Writes campaigns and prospects. */
    EDITOR,
    /** Users, tokens and exclusions. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String EDITOR_NAME = "editor";
    public static final String ADMIN_NAME = "admin";

    /** The name stored and used in {@code @RolesAllowed}: viewer, editor, admin. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and those it includes, as the identity's role names. */
    public Set<String> granted() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case EDITOR -> Set.of(VIEWER_NAME, EDITOR_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, EDITOR_NAME, ADMIN_NAME);
        };
    }

    public static Role parse(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new UserException("unknown role \"" + s + "\": use viewer (read), editor (write campaigns and"
                + " prospects) or admin (users, tokens, exclusions)");
    }
}
