package io.linkscout.api;

/**
 * The limits of the REST request bodies, in one place: the Bean Validation constraints on the request records use
 * them, so OpenAPI ({@code /q/openapi}) and enforcement (400 through {@link ErrorMapper}) come from one source.
 * The converted content is further limited by {@code linkscout.content.max-chars} (413).
 */
public final class RequestLimits {

    /** Raw content (plain text, Markdown or HTML) of one request, in characters. */
    public static final int CONTENT_CHARS = 3_000_000;
    /** A title. */
    public static final int TITLE_CHARS = 1_000;
    /** A domain, host or URL. */
    public static final int URL_CHARS = 2_048;
    /** Domains in {@code excludeDomains}. */
    public static final int EXCLUDE_DOMAINS = 1_000;
    /** Competitors of one link-intersect request. */
    public static final int COMPETITORS = 50;
    /** Keywords of one topics-that-earn request, and characters of one keyword. */
    public static final int KEYWORDS = 100;
    public static final int KEYWORD_CHARS = 200;
    /** A brand name. */
    public static final int BRAND_CHARS = 200;
    /** Results of one request ({@code top}, {@code sendTop}, shortlist and prospect limits). */
    public static final int TOP = 1_000;
    /** Topics of one {@code /api/topics} request. */
    public static final int TOPICS_TOP = 500;
    /** Prospects of one {@code POST /api/campaigns/{id}/prospects}. */
    public static final int PROSPECTS_PER_POST = 1_000;
    /** E-mail addresses of one prospect, and characters of one address (RFC 5321). */
    public static final int EMAILS = 50;
    public static final int EMAIL_CHARS = 320;
    /** A prospect's reasons line. */
    public static final int REASONS_CHARS = 2_000;
    /** Campaign name (as the campaign service checks). */
    public static final int NAME_CHARS = 200;
    /** Campaign content title (as the campaign service checks). */
    public static final int CONTENT_TITLE_CHARS = 500;
    /** Who made a change (as the prospect service checks), and a prospect source. */
    public static final int CHANGED_BY_CHARS = 200;
    public static final int SOURCE_CHARS = 100;
    /** Prospect notes (as the prospect service checks) and an exclusion note. */
    public static final int NOTES_CHARS = 20_000;
    /** A status or reason name. */
    public static final int ENUM_CHARS = 50;
    /** Body of an exclusions CSV import, in characters. */
    public static final int EXCLUSIONS_CSV_CHARS = 1_000_000;
    /** Page size of a prospect listing. */
    public static final int PAGE_SIZE = 500;

    // messages of the constraints: what the limit is and how to fix it (the field and the value are added by the
    // ErrorMapper: "top must be between 1 and 1000 (got 0)")
    static final String BETWEEN_1_AND_TOP = "must be between 1 and " + TOP;
    static final String BETWEEN_0_AND_100 = "must be between 0 and 100";
    static final String AT_MOST_CHARS = "must be at most {max} characters: shorten it";
    static final String AT_MOST_ENTRIES = "must have at most {max} entries: send fewer (split the request)";

    private RequestLimits() {
    }
}
