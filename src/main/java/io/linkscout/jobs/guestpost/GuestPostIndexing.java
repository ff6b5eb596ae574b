package io.linkscout.jobs.guestpost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.index.IndexEnrichment;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageStructure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;

/**
 * The guest-post detection written at ingest time: on every page document its own detection, on every site
 * document the best detecting page of the site (highest score, ties by URL; the site is SELLS when any of its
 * detecting pages is SELLS, so a paid offer is never hidden behind a free one). An {@link IndexEnrichment}, found by
 * {@link io.linkscout.index.IndexBuilder} through {@code META-INF/services}.
 */
public final class GuestPostIndexing implements IndexEnrichment {

    /** Fields on page and site documents. */
    public static final String KIND = "guest_post_kind";
    public static final String SCORE = "guest_post_score";
    public static final String REASONS = "guest_post_reasons";
    public static final String GUIDELINES_URL = "guest_post_guidelines_url";
    public static final String CONTACT_URL = "guest_post_contact_url";
    /** Site documents: the page the site's detection comes from, and how many of its pages detect. */
    public static final String PAGE = "guest_post_page";
    public static final String PAGES = "guest_post_pages";
    /**
     * Page documents: {@code "true"} (indexed, not stored) when the page is a published guest post (its reasons
     * have the {@link GuestPostDetector#PUBLISHED_SIGNAL} signal, whose detail is the sentence).
     */
    public static final String PUBLISHED = "guest_post_published";
    /** Site documents: how many of the site's pages are published guest posts (stored). */
    public static final String PUBLISHED_PAGES = "guest_post_published_pages";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final GuestPostDetector DETECTOR = new GuestPostDetector();

    /** Per-build accumulator of the best detection per registrable domain (thread-safe). */
    public static final class Collector {
        record Best(String url, GuestPostDetector.Detection detection, int pages, int published, boolean anySells) {
        }

        private final Map<String, Best> best = new ConcurrentHashMap<>();

        void offer(String domain, String url, GuestPostDetector.Detection d) {
            if (!d.positive()) {
                return;
            }
            best.merge(domain, new Best(url, d, 1, published(d) ? 1 : 0, d.kind() == GuestPostDetector.Kind.SELLS),
                    (a, b) -> {
                        boolean bWins = b.detection().score() > a.detection().score()
                                || (b.detection().score() == a.detection().score() && b.url().compareTo(a.url()) < 0);
                        Best w = bWins ? b : a;
                        return new Best(w.url(), w.detection(), a.pages() + b.pages(), a.published() + b.published(),
                                a.anySells() || b.anySells());
                    });
        }
    }

    public GuestPostIndexing() {
    }

    @Override
    public String name() {
        return "guest-posts";
    }

    @Override
    public Pass start(Corpus corpus) {
        Collector c = new Collector();
        return new Pass() {
            @Override
            public void page(Document doc, IndexedPage p) {
                addPageFields(doc, c, p.domain(), p.url(), p.title(), p.text(), p.links(), p.structure());
            }

            @Override
            public void site(Document doc, String domain) {
                addSiteFields(doc, c, domain);
            }

            @Override
            public void kept(Object state, KeptPage page) {
                if (state != null) {
                    c.offer(page.domain(), page.url(), (GuestPostDetector.Detection) state);
                }
            }
        };
    }

    @Override
    public java.util.Set<String> keptFields() {
        return java.util.Set.of(KIND, SCORE, REASONS, GUIDELINES_URL, CONTACT_URL);
    }

    /**
     * A kept page's detection as its document stores it (what the site fields use of it: kind, score, reasons and
     * URLs; the paid score is not stored and not used there); {@code null} when it does not detect.
     */
    @Override
    public Object keptState(Document stored) {
        String kind = stored.get(KIND);
        if (kind == null || kind.equals(GuestPostDetector.Kind.NONE.name())) {
            return null;
        }
        return new GuestPostDetector.Detection(GuestPostDetector.Kind.valueOf(kind),
                stored.getField(SCORE).numericValue().doubleValue(), 0, reasons(stored.get(REASONS)),
                stored.get(GUIDELINES_URL), stored.get(CONTACT_URL));
    }

    /**
     * Detects on a page as indexed and adds the fields to its document: with the page's HTML headings and forms
     * when it came with markup ({@code structure} not null: the same signals, so the same label and reasons, as
     * the full HTML), else with the heading-like lines of its text (see {@link GuestPostSignals#fromText}).
     */
    private static void addPageFields(Document doc, Collector c, String domain, String url, String title, String text,
            List<Link> links, PageStructure structure) {
        GuestPostDetector.Detection d = DETECTOR.detect(GuestPostSignals.fromIndexed(url, title, text, links,
                structure));
        write(doc, d);
        if (published(d)) {
            doc.add(new StringField(PUBLISHED, "true", Field.Store.NO));
        }
        c.offer(domain, url, d);
    }

    /** Whether the detection says the page is a published guest post. */
    public static boolean published(GuestPostDetector.Detection d) {
        return d.positive() && d.reasons().stream().anyMatch(r -> r.signal().equals(
                GuestPostDetector.PUBLISHED_SIGNAL));
    }

    /** Adds the site's best detection (kind NONE when no page of the site detects). */
    private static void addSiteFields(Document doc, Collector c, String domain) {
        Collector.Best b = c.best.get(domain);
        if (b == null) {
            write(doc, GuestPostDetector.Detection.NONE);
            doc.add(new StoredField(PAGES, 0));
            doc.add(new StoredField(PUBLISHED_PAGES, 0));
            return;
        }
        GuestPostDetector.Detection d = b.detection();
        if (b.anySells() && d.kind() != GuestPostDetector.Kind.SELLS) {
            d = new GuestPostDetector.Detection(GuestPostDetector.Kind.SELLS, d.score(), d.paidScore(), d.reasons(),
                    d.guidelinesUrl(), d.contactUrl());
        }
        write(doc, d);
        doc.add(new StoredField(PAGE, b.url()));
        doc.add(new StoredField(PAGES, b.pages()));
        doc.add(new StoredField(PUBLISHED_PAGES, b.published()));
    }

    private static void write(Document doc, GuestPostDetector.Detection d) {
        doc.add(new StringField(KIND, d.kind().name(), Field.Store.YES));
        doc.add(new StoredField(SCORE, d.score()));
        if (d.positive()) {
            try {
                doc.add(new StoredField(REASONS, JSON.writeValueAsString(d.reasons())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            doc.add(new StoredField(GUIDELINES_URL, d.guidelinesUrl()));
            doc.add(new StoredField(CONTACT_URL, d.contactUrl()));
        }
    }

    /** Reads the reasons JSON back (empty when absent). */
    public static List<GuestPostDetector.Reason> reasons(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<GuestPostDetector.Reason>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad " + REASONS + " JSON in the index", e);
        }
    }
}
