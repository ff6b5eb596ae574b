package io.linkscout.jobs.guestpost;

import io.linkscout.ingest.Link;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores whether a page shows that its site accepts contributed articles ("write for us", guest-post guidelines,
 * contributor bylines, submission forms) or sells posts (sponsored posts, link insertions with prices), with the
 * reasons. A hand-weighted linear classifier: each signal adds its weight (see the table in the README, section
 * "The three jobs"); negative evidence (open-source contributing, careers, donations) subtracts. Stateless and
 * thread-safe.
 *
 * <p>Label: {@link Kind#SELLS} when the acceptance score reaches {@link #ACCEPT_THRESHOLD} and the paid score
 * reaches {@link #PAID_THRESHOLD}, or the paid score alone reaches {@link #PAID_ONLY_THRESHOLD} with at least
 * two distinct phrases about paid posts or links ({@link #PAID_POST}), or one in the title, URL or a heading (a
 * SaaS pricing page, or a blog post that mentions a price and a "sponsored post" in passing, is not a seller); otherwise {@link Kind#ACCEPTS} when the acceptance score reaches the threshold; otherwise
 * {@link Kind#NONE}.
 */
public final class GuestPostDetector {

    public static final String VERSION = "guestpost-v2";

    public enum Kind { ACCEPTS, SELLS, NONE }

    /** One signal that contributed to the score. */
    public record Reason(String signal, double weight, String detail) {
    }

    /**
     * @param kind          the label
     * @param score         acceptance score (sum of the weights of acceptance signals and negative evidence)
     * @param paidScore     sum of the weights of paid-post signals
     * @param reasons       every signal that fired, in a fixed order
     * @param guidelinesUrl the page itself when it is a guidelines page, else the target of a "write for us"-style
     *                      link on it, else empty
     * @param contactUrl    a contact page or {@code mailto:} found on the page, else empty
     */
    public record Detection(Kind kind, double score, double paidScore, List<Reason> reasons, String guidelinesUrl,
            String contactUrl) {

        public static final Detection NONE = new Detection(Kind.NONE, 0, 0, List.of(), "", "");

        public boolean positive() {
            return kind != Kind.NONE;
        }
    }

    public static final double ACCEPT_THRESHOLD = 3.0;
    public static final double PAID_THRESHOLD = 2.0;
    public static final double PAID_ONLY_THRESHOLD = 3.0;

    // weights (documented in the README table)
    static final double W_TITLE = 3.0;
    static final double W_URL = 2.5;
    static final double W_URL_WEAK = 1.0;
    static final double W_HEADING = 2.0;
    static final double W_TEXT = 1.0;
    static final int MAX_TEXT_PHRASES = 2;
    static final double W_ANCHOR = 1.0;
    static final double W_FORM = 1.5;
    static final double W_PUBLISHED = 3.0;
    static final double W_INVITATION = 3.0;
    static final double W_GUIDELINE_WORD = 0.4;
    static final double MAX_GUIDELINE_WORDS = 1.6;
    static final double W_OPEN_SOURCE = -4.0;
    static final double W_CAREERS = -4.0;
    static final double W_DONATE = -3.0;
    static final double W_PAID_PHRASE = 1.5;
    static final double W_PRICE = 1.5;

    /** Phrases that say "we take contributed articles". */
    static final Pattern ACCEPT = Pattern.compile("\\b(write for (us|our (blog|site|magazine))"
            + "|guest[- ]?(post|posting|blogging|article|contribution|author)s? (guidelines|policy|policies|welcome"
            + "|wanted|accepted)|(submit|send|pitch) (us )?(a|your) guest[- ]?(post|article)"
            + "|accept(ing)? guest[- ]?(posts|articles)"
            + "|contributor guidelines|submission guidelines|editorial guidelines|writers? guidelines"
            + "|become an? (contributor|guest author|writer|author)|submit (an|your|a) (article|post|guest post|story|pitch)"
            + "|contribute (an|your|a) (article|post|story|piece)|contribute to (our|the) (blog|magazine|site)"
            + "|we (accept|welcome) (guest )?(posts|articles|contributions|submissions|pitches)"
            + "|accepting (guest )?(posts|articles|contributions|submissions)|pitch us|write with us"
            + "|contributors? wanted|writers? wanted)\\b");

    static final Pattern URL_STRONG = Pattern.compile("(write-?for-?us|guest-?post|guest-?blog|become-?a-?"
            + "(contributor|writer|author)|submission-?guidelines|contributor-?guidelines|submit-?(an-?)?"
            + "(article|post|guest-?post)|writers?-?guidelines)");
    static final Pattern URL_WEAK = Pattern.compile("(^|/)(contribute|contributors?|submissions?|submit|pitch)"
            + "(/|$|\\.)");

    /** A guest post, guest blog post, guest article, guest entry or guest piece. */
    static final String GUEST_POST = "guest[- ]?(?:blog[- ]?)?(?:post|article|entry|piece)";

    /**
     * Sentences with which a site presents a post it published as a guest post (the shapes found in real blogs:
     * "This is a guest post by …", "The following was a guest post from …", "Our guest post today comes from …",
     * "Today we're happy to feature a guest post written by …", "This post was contributed by …", "… as guest
     * authors", "Guest author: …", a "guest post" tag line). Matched case-insensitively on the title, the first
     * {@value #PUBLISHED_HEAD} and the last {@value #PUBLISHED_TAIL} characters of the text (where introductions,
     * editor's notes, bylines and tags sit). "Guest" in other senses (guest lectures, podcast guests, guest OS,
     * guest users) is never followed by these words.
     */
    static final Pattern PUBLISHED = Pattern.compile("(?:\\bthis (?:is|was) (?:a|an|another|our) " + GUEST_POST
            + "|\\b(?:the following|this (?:article|post)|it) (?:is|was) (?:a|an) " + GUEST_POST
            + "|\\bthis " + GUEST_POST + " (?:is|was|comes|by|from|written)\\b"
            + "|\\bwriting this " + GUEST_POST
            + "|(?:^|[.!?:]\\s|\\n)\\s*(?:a\\s+)?" + GUEST_POST + "s? (?:by|from)\\b"
            + "|\\(\\s*(?:a\\s+)?" + GUEST_POST + "s? (?:by|from)\\b"
            + "|\\b(?:a|our|today's|today’s) (?:first |latest |new )?" + GUEST_POST + " (?:today )?(?:by|from|comes "
            + "from|written by|is by|is from|on [\\w -]{1,60}? (?:is )?written by)\\b"
            + "|\\b(?:feature|present|publish|share|bring you|have|host|run) (?:a|this|another|our first) "
            + GUEST_POST + "s?\\b"
            + "|\\bwelcome to (?:this|a|our) " + GUEST_POST
            + "|\\bin this " + GUEST_POST
            + "|\\bthis (?:post|article|blog post|piece) (?:was|has been) (?:\\w+ ){0,2}contributed by\\b"
            + "|\\b(?:is|are|as) (?:a |our |this month's |this month’s )?guest (?:authors?|writers?|bloggers?"
            + "|contributors?)\\b"
            + "|\\bguest (?:author|writer|contributor)s?:"
            + "|(?:^|\\n)\\s*(?:tags?|categories|category|filed under|posted in)\\s*:?[^\\n]{0,80}\\bguest[- ]?posts?\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A title that marks the post as a guest post: "Guest post: …", "… (guest post)", "…: a guest post by …". */
    static final Pattern PUBLISHED_TITLE = Pattern.compile("(?:^\\s*" + GUEST_POST + "\\s*[:|–—-]|\\(\\s*"
            + GUEST_POST + "\\s*\\)|\\b(?:a\\s+)?" + GUEST_POST + " by\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /**
     * Around a {@link #PUBLISHED} match: the author wrote a guest post for another site ("I wrote a guest post
     * for …", "my guest post", "I have a guest post up today at …"), so it is not this site's.
     */
    static final Pattern PUBLISHED_ELSEWHERE = Pattern.compile("\\b(?:wrote|written|writing|published|posted|have"
            + "|had|did) (?:a |an |my |the |another |two |several )?(?:\\w+ )?" + GUEST_POST + "s? (?:for|on|at|over"
            + "|up)\\b|\\bmy (?:\\w+ )?" + GUEST_POST, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final int PUBLISHED_HEAD = 2000;
    static final int PUBLISHED_TAIL = 800;

    /**
     * An explicit invitation to send guest posts ("Guest blog posts about PyPy are welcome", "we love guest blog
     * posts", "If you would like to publish articles as a guest author …", "Anyone can write a guest article",
     * "We are always looking for guest bloggers", "I'm particularly interested in … guest blog posts").
     */
    static final Pattern INVITATION = Pattern.compile("\\b(?:" + GUEST_POST + "s? (?:\\w+ ){0,3}(?:are|is) (?:always |very "
            + ")?welcome|we (?:love|invite) " + GUEST_POST + "s?|(?:if you (?:want|would like|'d like"
            + "|’d like) to|you can|anyone can) (?:write|publish|submit|contribute|do) (?:a |an )?(?:\\w+ )?(?:"
            + GUEST_POST + "|guest posting|(?:articles|posts) as a guest author)|(?:always )?looking for guest "
            + "(?:bloggers|writers|authors|posts)|invite you to (?:join us )?(?:as )?a guest (?:writer|author|blogger)"
            + "|(?:i'm|i am|we're|we are) (?:\\w+ )?interested in [^.\\n]{0,60}" + GUEST_POST + "s"
            + "|(?:^|\\n)\\s*write a " + GUEST_POST + " for)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final Pattern GUIDELINE_WORDS = Pattern.compile("\\b(word count|\\d{3,4}[-–]\\d{3,4} words|original"
            + "|unpublished|author bio|short bio|headshot|pitch|our editors|editorial team|we review|topics we cover"
            + "|plagiarism|byline)\\b");

    static final Pattern OPEN_SOURCE = Pattern.compile("\\b(github|gitlab|pull requests?|open[- ]source|repository"
            + "|code of conduct|fork the|issue tracker|bug reports?|translations?|documentation)\\b");
    static final Pattern CAREERS = Pattern.compile("\\b(careers?|job openings?|open positions?|we're hiring|we are "
            + "hiring|join our team|apply now|salary|full[- ]time|part[- ]time|resume|cv|benefits|job)\\b");
    static final Pattern DONATE = Pattern.compile("\\b(donate|donation|donations|volunteer|volunteering|fundrais"
            + "\\w*|tax[- ]deductible)\\b");

    /** Paid wording that is specifically about posts or links. */
    static final Pattern PAID_POST = Pattern.compile("\\b(sponsored (guest )?(post|article|content)s?|paid (post|article|"
            + "placement)s?|link insertions?|niche edits?|do-?follow (back)?links?( for)?|crypto "
            + "(posts|articles) (accepted|welcome)|per (post|article|link))\\b");
    /** Any paid wording: the post-specific phrases plus generic price talk. */
    static final Pattern PAID = Pattern.compile(PAID_POST.pattern() + "|\\b(price list|our rates|pricing|paypal"
            + "|casino|cbd|payment (upfront|in advance))\\b");
    static final Pattern PRICE = Pattern.compile("([$€£]\\s?\\d+|\\b\\d+\\s?(usd|eur|gbp|dollars)\\b)");

    static final Pattern CONTACT_ANCHOR = Pattern.compile("\\b(contact|get in touch|email us|pitch us)\\b");

    /**
     * Every acceptance phrase, URL pattern, byline and post-specific paid phrase contains one of these: a page whose
     * title, URL, headings, text and anchors contain none of them cannot reach either threshold and is NONE without
     * running the patterns (most pages of a crawl).
     */
    static final List<String> TRIGGERS = List.of("write", "guest", "guidelines", "become", "submi", "contribut",
            "we accept", "we welcome", "accepting", "pitch", "wanted", "sponsored", "paid ", "link insertion",
            "niche edit", "follow link", "follow backlink", "dofollow", "casino", "cbd", "crypto", "per post",
            "per article", "per link");

    /** Text beyond this many characters is not examined (guidelines and offers sit near the top of a page). */
    public static final int MAX_TEXT_CHARS = 20_000;

    public Detection detect(GuestPostSignals s) {
        List<Reason> reasons = new ArrayList<>();
        String title = lower(s.title());
        String rawText = s.text().length() > MAX_TEXT_CHARS ? s.text().substring(0, MAX_TEXT_CHARS) : s.text();
        String text = lower(rawText);
        String path = path(s.url());
        if (!triggered(title, text, path, s)) {
            return Detection.NONE;
        }
        double score = 0;

        Matcher m = ACCEPT.matcher(title);
        if (m.find()) {
            score += add(reasons, "title", W_TITLE, "title says \"" + m.group() + "\"");
        }
        Matcher u = URL_STRONG.matcher(path);
        if (u.find()) {
            score += add(reasons, "url", W_URL, "URL path has \"" + u.group() + "\"");
        } else {
            Matcher w = URL_WEAK.matcher(path);
            if (w.find()) {
                score += add(reasons, "url-weak", W_URL_WEAK, "URL path has \"" + w.group(2) + "\"");
            }
        }
        for (String h : s.headings()) {
            Matcher hm = ACCEPT.matcher(lower(h));
            if (hm.find() && !lower(h).equals(title)) {
                score += add(reasons, "heading", W_HEADING, "heading \"" + h + "\"");
                break;
            }
        }
        Set<String> phrases = new LinkedHashSet<>();
        Matcher tm = ACCEPT.matcher(anyContains(text, ACCEPT_KEYS) ? text : "");
        while (tm.find() && phrases.size() < MAX_TEXT_PHRASES) {
            phrases.add(tm.group());
        }
        for (String p : phrases) {
            score += add(reasons, "text", W_TEXT, "text says \"" + p + "\"");
        }
        String guidelines = "";
        String contact = "";
        for (Link l : s.links()) {
            String a = lower(l.anchor());
            if (guidelines.isEmpty() && (ACCEPT.matcher(a).find() || URL_STRONG.matcher(path(l.url())).find())) {
                guidelines = l.url();
                score += add(reasons, "link", W_ANCHOR, "links to \"" + l.anchor() + "\" (" + l.url() + ")");
            }
            if (contact.isEmpty() && (CONTACT_ANCHOR.matcher(a).find() || path(l.url()).contains("contact"))) {
                contact = l.url();
            }
        }
        for (String f : s.forms()) {
            boolean about = ACCEPT.matcher(f).find() || f.matches("(?s).*\\b(article|post|pitch|draft|bio)\\b.*");
            if (about) {
                score += add(reasons, "form", W_FORM, "submission " + f.substring(0, f.indexOf(':'))
                        + " asking for an article");
                break;
            }
        }
        String published = publishedSentence(s.title(), s.text());
        if (published != null) {
            score += add(reasons, PUBLISHED_SIGNAL, W_PUBLISHED, published);
        }
        Matcher inv = INVITATION.matcher(text.contains("guest") ? rawText : "");
        boolean invited = inv.find();
        if (invited) {
            score += add(reasons, "invitation", W_INVITATION, sentence(rawText, inv.start(), inv.end()));
        }
        double gw = 0;
        Set<String> gws = new LinkedHashSet<>();
        Matcher g = GUIDELINE_WORDS.matcher(text);
        while (g.find()) {
            if (gws.add(g.group()) && gw + W_GUIDELINE_WORD <= MAX_GUIDELINE_WORDS + 1e-9) {
                gw += W_GUIDELINE_WORD;
            }
        }
        if (gw > 0 && score > 0) {
            score += add(reasons, "guideline-words", round(gw), "guideline vocabulary: " + String.join(", ", gws));
        }
        // negative evidence, only where a contribution word could mislead
        String all = title + "\n" + path.replace('-', ' ') + "\n" + text;
        boolean contributeWord = all.contains("contribut") || all.contains("submi") || all.contains("write for")
                || all.contains("join");
        // not on a published guest post or an invitation: those are about guest posts, and the blogs of open-source
        // projects that publish them naturally mention GitHub and pull requests
        boolean aboutGuestPosts = published != null || invited;
        if (contributeWord && score > 0 && !aboutGuestPosts) {
            int os = distinct(OPEN_SOURCE, all);
            boolean ghLink = s.links().stream().anyMatch(l -> l.url().contains("github.com/")
                    || l.url().contains("gitlab.com/"));
            if (os >= 2 || (os >= 1 && ghLink)) {
                score += add(reasons, "open-source", W_OPEN_SOURCE, "open-source contribution wording ("
                        + firstMatches(OPEN_SOURCE, all) + ")");
            }
            if (distinct(CAREERS, all) >= 2) {
                score += add(reasons, "careers", W_CAREERS, "careers/jobs wording (" + firstMatches(CAREERS, all)
                        + ")");
            }
            if (distinct(DONATE, all) >= 1 && (!anyContains(all, PAID_KEYS) || distinct(PAID, all) == 0)) {
                score += add(reasons, "donate", W_DONATE, "donation/volunteering wording ("
                        + firstMatches(DONATE, all) + ")");
            }
        }
        double paid = 0;
        Set<String> paidPhrases = new LinkedHashSet<>();
        Matcher pm = PAID.matcher(anyContains(all, PAID_KEYS) ? all : "");
        while (pm.find()) {
            paidPhrases.add(pm.group());
        }
        for (String p : paidPhrases.stream().limit(2).toList()) {
            paid += add(reasons, "paid", W_PAID_PHRASE, "paid-post wording \"" + p + "\"");
        }
        Matcher pr = PRICE.matcher(anyContains(all, "$", "€", "£", "usd", "eur", "gbp", "dollars") ? all : "");
        if (pr.find()) {
            paid += add(reasons, "price", W_PRICE, "price \"" + pr.group() + "\"");
        }
        Kind kind;
        if (score >= ACCEPT_THRESHOLD && paid >= PAID_THRESHOLD) {
            kind = Kind.SELLS;
        } else if (paid >= PAID_ONLY_THRESHOLD && (distinct(PAID_POST, all) >= 2
                || PAID_POST.matcher(title + "\n" + path.replace('-', ' ') + "\n"
                        + String.join("\n", s.headings()).toLowerCase(Locale.ROOT)).find())) {
            kind = Kind.SELLS;
        } else if (score >= ACCEPT_THRESHOLD) {
            kind = Kind.ACCEPTS;
        } else {
            kind = Kind.NONE;
        }
        boolean selfIsGuidelines = reasons.stream().anyMatch(r -> r.signal().equals("title")
                || r.signal().equals("url") || r.signal().equals("heading"));
        if (kind != Kind.NONE && (selfIsGuidelines || guidelines.isEmpty())) {
            guidelines = s.url();
        }
        return new Detection(kind, round(score), round(paid), List.copyOf(reasons), kind == Kind.NONE ? ""
                : guidelines, kind == Kind.NONE ? "" : contact);
    }

    /** The reason signal of a published guest post; its detail is the sentence that says so. */
    public static final String PUBLISHED_SIGNAL = "guest-post";

    /**
     * The sentence presenting the page as a published guest post (the title when the title says so), or null: a
     * {@link #PUBLISHED} match in the title or the text's head or tail, unless the words around it say the guest
     * post was written for another site ({@link #PUBLISHED_ELSEWHERE}).
     */
    static String publishedSentence(String title, String text) {
        if (!lower(title).contains("guest") && !lower(text).contains("guest") && !lower(text).contains("contributed")) {
            return null;
        }
        if (PUBLISHED_TITLE.matcher(title).find() && !PUBLISHED_ELSEWHERE.matcher(title).find()) {
            return title.strip();
        }
        String head = text.length() > PUBLISHED_HEAD + PUBLISHED_TAIL ? text.substring(0, PUBLISHED_HEAD) : text;
        String tail = text.length() > PUBLISHED_HEAD + PUBLISHED_TAIL
                ? text.substring(text.length() - PUBLISHED_TAIL) : "";
        for (String part : List.of(title, head, tail)) {
            Matcher m = PUBLISHED.matcher(part);
            while (m.find()) {
                String around = part.substring(Math.max(0, m.start() - 60), Math.min(part.length(), m.end() + 30));
                if (!PUBLISHED_ELSEWHERE.matcher(around).find()) {
                    int start = m.start(); // the match may begin with the end of the previous sentence or line
                    while (start < m.end() && (Character.isWhitespace(part.charAt(start))
                            || ".!?:".indexOf(part.charAt(start)) >= 0)) {
                        start++;
                    }
                    return sentence(part, start, m.end());
                }
            }
        }
        return null;
    }

    /**
     * The sentence of {@code text} holding {@code [start, end)}, white space collapsed, at most 300 characters. A
     * sentence ends at . ! ? followed by white space, or at a line break before a line that starts with a capital
     * letter or is blank (a new block of an HTML page); other line breaks are hard wraps of a Markdown source.
     */
    static String sentence(String text, int start, int end) {
        int from = start;
        while (from > 0 && !(text.charAt(from - 1) == '\n' && blockStart(text, from))
                && !(from >= 2 && ".!?".indexOf(text.charAt(from - 2)) >= 0
                && Character.isWhitespace(text.charAt(from - 1)))) {
            from--;
        }
        int to = end;
        while (to < text.length() && !(text.charAt(to) == '\n' && blockStart(text, to + 1))
                && !(".!?".indexOf(text.charAt(to)) >= 0
                && (to + 1 == text.length() || Character.isWhitespace(text.charAt(to + 1))))) {
            to++;
        }
        if (to < text.length() && text.charAt(to) != '\n') {
            to++;
        }
        String s = text.substring(from, to).replaceAll("\\s+", " ").strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** Whether the line starting at {@code i} is blank or starts with an upper-case letter. */
    private static boolean blockStart(String text, int i) {
        return i >= text.length() || text.charAt(i) == '\n' || Character.isUpperCase(text.charAt(i));
    }

    /** Substrings every {@link #ACCEPT} / {@link #PAID} alternative contains: the patterns only run when one is there. */
    static final String[] ACCEPT_KEYS = {"write for", "write with", "guest", "guidelines", "become a", "submit",
        "contribute", "we accept", "we welcome", "accepting", "pitch us", "wanted"};
    static final String[] PAID_KEYS = {"sponsor", "paid", "link insertion", "niche edit", "do-follow", "dofollow",
        "do follow", "casino", "cbd", "crypto", "per post", "per article", "per link", "price list", "our rates",
        "pricing", "paypal", "payment"};

    private static boolean anyContains(String s, String... keys) {
        for (String k : keys) {
            if (s.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean triggered(String title, String text, String path, GuestPostSignals s) {
        StringBuilder sb = new StringBuilder(title).append('\n').append(path).append('\n');
        for (String h : s.headings()) {
            sb.append(lower(h)).append('\n');
        }
        for (Link l : s.links()) {
            sb.append(lower(l.anchor())).append(' ').append(path(l.url())).append('\n');
        }
        for (String f : s.forms()) {
            sb.append(f).append('\n');
        }
        String head = sb.toString();
        for (String t : TRIGGERS) {
            if (head.contains(t) || text.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static double add(List<Reason> reasons, String signal, double w, String detail) {
        reasons.add(new Reason(signal, w, detail));
        return w;
    }

    private static int distinct(Pattern p, String s) {
        Set<String> seen = new LinkedHashSet<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            seen.add(m.group());
        }
        return seen.size();
    }

    private static String firstMatches(Pattern p, String s) {
        Set<String> seen = new LinkedHashSet<>();
        Matcher m = p.matcher(s);
        while (m.find() && seen.size() < 3) {
            seen.add(m.group());
        }
        return String.join(", ", seen);
    }

    static String path(String url) {
        if (url == null) {
            return "";
        }
        String u = url.toLowerCase(Locale.ROOT);
        int scheme = u.indexOf("://");
        int slash = scheme < 0 ? u.indexOf('/') : u.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : u.substring(slash);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
