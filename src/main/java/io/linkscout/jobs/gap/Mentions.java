package io.linkscout.jobs.gap;

import io.linkscout.url.Domains;
import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.jobs.Jobs;
import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.jobs.SiteSignals;
import io.linkscout.search.LuceneSearchBackend;
import io.linkscout.search.QuerySpec;
import io.linkscout.search.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;

/**
 * {@code mentions}: pages that name the user's brand, domain or content title without linking to the user's
 * registrable domain. Lucene phrase queries over page body and title (English analysis, so "Kelp Atlas" also
 * matches "kelp atlas"); the user's own pages and pages with any link to the domain are left out. Each result shows
 * the sentence that names it. Ordered by the mentioning site's authority, then the page's authority, then URL.
 */
public final class Mentions {

    public record Options(String brand, String domain, String title, int top, double maxSpam) {
    }

    public record Result(int rank, String url, String domain, String pageTitle, List<String> matched,
            String snippet, double siteAuthority, double pageAuthority, double spamScore, List<String> flags) {

        public ProspectCandidate toProspect() {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("matched", matched);
            ev.put("snippet", snippet);
            ev.put("pageTitle", pageTitle);
            ev.put("siteAuthority", siteAuthority);
            ev.put("flags", flags);
            return new ProspectCandidate("mentions", domain, url, siteAuthority, "names " + String.join(" and ",
                    matched) + " without linking to you: \"" + snippet + "\"", ev);
        }
    }

    public record Response(String brand, String domain, String title, int pagesNaming, int linkedOrOwn,
            List<Result> results) {
    }

    private final LinkScoutIndex index;
    private final SearchBackend backend;

    /** Everything from the embedded index. */
    public Mentions(LinkScoutIndex index) {
        this(index, new LuceneSearchBackend(index, false));
    }

    /**
     * The phrase searches on {@code backend} (the embedded index or an OpenSearch cluster of the same ingest); the
     * pages' stored fields, links and sites' signals from {@code index}.
     */
    public Mentions(LinkScoutIndex index, SearchBackend backend) {
        this.index = index;
        this.backend = backend;
    }

    public static Options validate(String brand, String domain, String title, Integer top, Double maxSpam) {
        if (domain == null || domain.isBlank()) {
            throw new UserException("domain: give your own domain (e.g. example.com)");
        }
        String d = Domains.requireDomain("domain", domain);
        int t = Jobs.top(top, 50);
        double ms = Jobs.percent("maxSpam", maxSpam, 100);
        return new Options(brand == null || brand.isBlank() ? null : brand.strip(), d,
                title == null || title.isBlank() ? null : title.strip(), t, ms);
    }

    public Response run(Options o) {
        Map<String, String> names = new LinkedHashMap<>();
        if (o.brand() != null) {
            names.put("brand", o.brand());
        }
        names.put("domain", o.domain());
        if (o.title() != null) {
            names.put("title", o.title());
        }
        Map<Integer, List<String>> hits = new TreeMap<>();
        try {
            for (Map.Entry<String, String> n : names.entrySet()) {
                QuerySpec any = new QuerySpec.Bool(List.of(), List.of(
                        new QuerySpec.Phrase(IndexFields.BODY, n.getValue()),
                        new QuerySpec.Phrase(IndexFields.TITLE, n.getValue())), List.of());
                QuerySpec q = QuerySpec.typed(any, IndexFields.TYPE_PAGE);
                long count = backend.count(q);
                for (SearchBackend.Hit h : count == 0 ? List.<SearchBackend.Hit>of()
                        : backend.search(q, (int) Math.min(Integer.MAX_VALUE - 8, count), true)) {
                    int doc = Jobs.pageDoc(index, h.id());
                    if (doc >= 0) { // else not of the embedded index's ingest (Generations.requireSame prevents it)
                        hits.computeIfAbsent(doc, x -> new ArrayList<>()).add(n.getKey() + " \"" + n.getValue()
                                + "\"");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SiteSignals signals = new SiteSignals(index);
        List<Result> out = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<Integer, List<String>> h : hits.entrySet()) {
            Document d = Jobs.stored(index, h.getKey(), Set.of(IndexFields.ID, IndexFields.DOMAIN, IndexFields.TITLE,
                    IndexFields.TEXT));
            String dom = d.get(IndexFields.DOMAIN);
            boolean links = false;
            for (Link l : Jobs.links(index, h.getKey())) {
                if (o.domain().equals(Jobs.domainOf(l.url()))) {
                    links = true;
                    break;
                }
            }
            if (o.domain().equals(dom) || links) {
                skipped++;
                continue;
            }
            SiteSignals.Signals sig = signals.of(dom);
            if (sig.spamScore() > o.maxSpam()) {
                continue;
            }
            out.add(new Result(0, d.get(IndexFields.ID), dom, d.get(IndexFields.TITLE), h.getValue(),
                    snippet(d.get(IndexFields.TEXT), d.get(IndexFields.TITLE), names.values()), sig.authority(),
                    Jobs.round(pageDouble(index, h.getKey(), IndexFields.AUTHORITY_VALUE)), sig.spamScore(),
                    sig.spamFlags()));
        }
        out.sort(Comparator.comparingDouble(Result::siteAuthority).reversed()
                .thenComparing(Comparator.comparingDouble(Result::pageAuthority).reversed())
                .thenComparing(Result::url));
        List<Result> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(o.top(), out.size()); i++) {
            Result r = out.get(i);
            ranked.add(new Result(i + 1, r.url(), r.domain(), r.pageTitle(), r.matched(), r.snippet(),
                    r.siteAuthority(), r.pageAuthority(), r.spamScore(), r.flags()));
        }
        return new Response(o.brand(), o.domain(), o.title(), hits.size(), skipped, ranked);
    }

    /** Sentence ends: . ! ? followed by white space, or a line break (so "mine.com" stays whole). */
    /** A page's graph score (a doc value, see {@link LinkScoutIndex#pageDouble}). */
    private static double pageDouble(LinkScoutIndex index, int doc, String field) {
        try {
            return index.pageDouble(doc, field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n");

    /** The first sentence of the text naming one of the names (case-insensitive); else the title. */
    static String snippet(String text, String title, java.util.Collection<String> names) {
        String t = text == null ? "" : text;
        for (String sentence : SENTENCE_END.split(t)) {
            String s = sentence.strip();
            String ls = s.toLowerCase(Locale.ROOT);
            for (String n : names) {
                if (!s.isEmpty() && ls.contains(n.toLowerCase(Locale.ROOT))) {
                    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
                }
            }
        }
        return title == null ? "" : title;
    }
}
