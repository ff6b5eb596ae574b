package io.linkscout.eval;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj, ensure_ascii=False)} does with default separators
 * ({@code ", "} between items, {@code ": "} after keys): only {@code "}, {@code \}, and control characters below
 * U+0020 are escaped ({@code \b \f \n \r \t}, others as lower-case backslash-u00xx); everything else is literal.
 */
final class PyJson {

    private PyJson() {
    }

    /** Appends {@code s} as a JSON string literal. */
    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /**
     * Appends a JSON value read from a file as Python writes it back: strings, {@code null}, booleans and integers
     * (the only kinds the corpora use).
     *
     * @throws io.linkscout.error.UserException for other kinds (a float's text would differ from Python's repr)
     */
    static StringBuilder value(StringBuilder sb, com.fasterxml.jackson.databind.JsonNode v) {
        if (v.isTextual()) {
            return string(sb, v.asText());
        }
        if (v.isNull() || v.isBoolean() || v.isIntegralNumber()) {
            return sb.append(v.toString());
        }
        throw new io.linkscout.error.UserException("unsupported JSON value " + v
                + " (expected a string, null, a boolean or an integer)");
    }

    /**
     * Starts a page line in LinkScout's JSONL page format as Python writes it:
     * <code>{"url": .., "title": .., "text": .., "links": [</code> (the caller appends the links and
     * <code>]}</code>).
     */
    static StringBuilder pageStart(StringBuilder sb, String url, String title, String text) {
        sb.append('{');
        key(sb, "url");
        string(sb, url).append(", ");
        key(sb, "title");
        string(sb, title).append(", ");
        key(sb, "text");
        string(sb, text).append(", ");
        return key(sb, "links").append('[');
    }

    /** Appends {@code "key": } (with the separator Python uses). */
    static StringBuilder key(StringBuilder sb, String key) {
        return string(sb, key).append(": ");
    }
}
