package io.linkscout.url;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a page or a piece of content was published, as far as its address and its record tell: the date of a
 * dated permalink ({@code /2020/05/30/slug}, {@code /2020/05/slug}, {@code /2020-05-30-slug}), else the date of its
 * {@code fetched_at} (which a blog export gives as the post's date; for a crawled page it is the fetch, an upper
 * bound of the publication). Dates are days since 1970-01-01 ({@link LocalDate#toEpochDay()}); {@link #UNKNOWN}
 * when neither tells.
 *
 * <p>A permalink with only a month ({@code /2020/05/slug}) means some day of that month: the {@code fetched_at}
 * day is taken when it falls in that month, else the month's first day. Years outside 1990–2039 and impossible
 * dates ({@code /2020/02/31/}) are not dates.
 */
public final class PublicationDate {

    /** No date known. */
    public static final int UNKNOWN = Integer.MIN_VALUE;

    // a year, a month and optionally a day, separated by '/' or '-', as whole path segments or a slug's start
    private static final Pattern PERMALINK = Pattern.compile(
            "(?<![0-9])(199\\d|20[0-3]\\d)([/-])(0[1-9]|1[0-2])(?:\\2(0[1-9]|[12]\\d|3[01]))?(?![0-9])");
    private static final Pattern ISO_DAY = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");

    private PublicationDate() {
    }

    /** The date of a page: its permalink date, else its {@code fetched_at} date ({@link #UNKNOWN} if neither). */
    public static int of(String url, String fetchedAt) {
        int fetched = fetchedDay(fetchedAt);
        Matcher m = url == null ? null : PERMALINK.matcher(path(url));
        if (m == null || !m.find()) {
            return fetched;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(3));
        try {
            if (m.group(4) != null) {
                return (int) LocalDate.of(year, month, Integer.parseInt(m.group(4))).toEpochDay();
            }
            LocalDate first = LocalDate.of(year, month, 1);
            if (fetched != UNKNOWN) {
                LocalDate f = LocalDate.ofEpochDay(fetched);
                if (f.getYear() == year && f.getMonthValue() == month) {
                    return fetched;
                }
            }
            return (int) first.toEpochDay();
        } catch (DateTimeException e) {
            return fetched;
        }
    }

    /** The date in an address alone ({@link #UNKNOWN} when it has none). */
    public static int ofUrl(String url) {
        return of(url, null);
    }

    /**
     * A date as a person gives it: an ISO-8601 date or date-time ({@link #fetchedDay}), or a dated address — a URL
     * or just its path ({@code 2024/05/30/post}); {@link #UNKNOWN} when it is neither.
     */
    public static int ofDateOrAddress(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        String v = value.strip();
        if (!v.contains("/")) {
            return fetchedDay(v);
        }
        return ofUrl(v.contains("://") ? v : "https://host/" + (v.startsWith("/") ? v.substring(1) : v));
    }

    /**
     * The day of a {@code fetched_at} value: an ISO-8601 date or date-time (an offset is kept as written: the
     * day is the writer's local day); {@link #UNKNOWN} for null, blank or anything else.
     */
    public static int fetchedDay(String fetchedAt) {
        if (fetchedAt == null || fetchedAt.isBlank()) {
            return UNKNOWN;
        }
        String s = fetchedAt.strip();
        Matcher m = ISO_DAY.matcher(s);
        if (!m.find()) {
            try {
                return (int) OffsetDateTime.parse(s).toLocalDate().toEpochDay();
            } catch (DateTimeException e) {
                return UNKNOWN;
            }
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1990 || year > 2099) {
                return UNKNOWN;
            }
            return (int) LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).toEpochDay();
        } catch (DateTimeException e) {
            return UNKNOWN;
        }
    }

    /** The path (and query) of an address, so that a host name's digits are never read as a date. */
    private static String path(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int slash = url.indexOf('/', start);
        return slash < 0 ? "" : url.substring(slash);
    }
}
