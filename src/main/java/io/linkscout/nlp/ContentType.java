package io.linkscout.nlp;

import io.linkscout.error.UserException;
import java.util.Locale;

/** The format of the user's content; {@link #AUTO} detects it (see {@link ContentText#detect(String)}). */
public enum ContentType {
    AUTO, PLAIN, MARKDOWN, HTML;

    /** Parses {@code auto|plain|markdown|html} (also {@code md}, {@code text}, {@code txt}); null/blank = AUTO. */
    public static ContentType parse(String s) {
        if (s == null || s.isBlank()) {
            return AUTO;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "plain", "text", "txt", "text/plain" -> PLAIN;
            case "markdown", "md", "text/markdown" -> MARKDOWN;
            case "html", "htm", "text/html" -> HTML;
            default -> throw new UserException("unknown content type '" + s + "' (use auto, plain, markdown or html)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
