package io.linkscout.index;

import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageStructure;
import io.linkscout.quality.SpamFlag;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * Adds fields of its own to page and site documents while {@link IndexBuilder} writes them, so that a detector
 * (guest posts, content spam, contacts) can put its findings into the index without the builder naming it.
 * Implementations are found with {@link ServiceLoader} ({@code META-INF/services/io.linkscout.index.IndexEnrichment})
 * and run in {@link #name()} order; the names of the installed ones are part of what an incremental ingest checks
 * (an index written with other enrichments is rebuilt in full once).
 *
 * <p>Each build asks for a fresh {@link Pass}: {@link Pass#page} is called once per page document written, from
 * several writer threads at once, and {@link Pass#kept} once per page document an incremental build keeps, both
 * before any {@link Pass#site} call; {@link Pass#site} once per site document, from one thread.
 */
public interface IndexEnrichment {

    /** A stable name; it orders the enrichments and names them in errors. */
    String name();

    /** A fresh per-build state, over what the corpus analysis of this build found. */
    Pass start(Corpus corpus);

    /**
     * Stored fields of a page document that {@link #keptState} reads. An incremental ingest keeps the documents of
     * pages nothing changed for; their site documents are still rebuilt, so an enrichment whose site fields
     * aggregate its pages must recover each kept page's part from its stored fields.
     */
    default Set<String> keptFields() {
        return Set.of();
    }

    /**
     * The state a kept page contributes to its site ({@link Pass#kept}), read from {@link #keptFields()} of its old
     * document; {@code null} when it contributes nothing (held in memory per page until the sites are written, so
     * keep it small).
     */
    default Object keptState(Document stored) {
        return null;
    }

    /**
     * Whether every kept page needs its {@link #keptState}: when so and an old document has none (written before
     * this enrichment stored it), the page is written again instead of kept.
     */
    default boolean keptStateRequired() {
        return false;
    }

    /**
     * Stored fields of a page document that {@link Pass#rewritten} may copy from the old document. An incremental
     * ingest rewrites an old page whose own title and text did not change because of what the rest of the corpus
     * says of it (anchors received, graph scores); an enrichment whose page fields depend only on the page's own
     * title and text can copy them instead of computing them again (page topics: the costliest part of a page).
     */
    default Set<String> reusedFields() {
        return Set.of();
    }

    /**
     * What the corpus analysis of the build found that enrichments may use (read-only, thread-safe). It moves with
     * any ingest: a page field derived from it must be a numeric or binary doc value that {@link Pass#keptValues}
     * also returns, so that a kept page gets it updated in place (else a kept page would keep a stale value).
     */
    interface Corpus {
        /** The spam flags the domain graph gives a registrable domain (link farms, spam mass, …); empty if none. */
        List<SpamFlag> domainFlags(String domain);
    }

    /** One build's state. */
    interface Pass {
        /** Adds fields to a page document (thread-safe). */
        void page(Document doc, IndexedPage page);

        /** Adds fields to the site document of a registrable domain. */
        void site(Document doc, String domain);

        /**
         * A page whose document this (incremental) build keeps, with the {@link #keptState} of its old document
         * ({@code null} when it has none); called before any {@link #site} call, possibly from several threads.
         */
        default void kept(Object state, KeptPage page) {
        }

        /**
         * The doc values of a kept page that depend on the rest of the corpus (e.g. its domain's spam flags), as
         * {@link #page} writes them: an incremental ingest updates those that changed in place
         * ({@code IndexWriter.updateDocValues}) instead of rewriting the page. Only numeric and binary doc-value
         * fields; called after {@link #kept}, possibly from several threads.
         */
        default List<org.apache.lucene.document.Field> keptValues(Object state, KeptPage page) {
            return List.of();
        }

        /**
         * Adds fields to the document of an old page written again with the same title and text, {@code old} holding
         * its old document's {@link #reusedFields()} (thread-safe). By default as {@link #page}; it must add exactly
         * the fields {@link #page} would.
         */
        default void rewritten(Document doc, IndexedPage page, Document old) {
            page(doc, page);
        }
    }

    /**
     * A page as it is being indexed.
     *
     * @param domain    its registrable domain
     * @param url       its normalised URL
     * @param title     its title
     * @param text      its main text
     * @param links     its outgoing links
     * @param structure its HTML headings and forms, or null for a page read from plain text
     * @param contacts  the contacts found on it
     */
    record IndexedPage(String domain, String url, String title, String text, List<Link> links,
            PageStructure structure, Contacts contacts) {
    }

    /**
     * A page whose document is kept, as its stored record gives it.
     *
     * @param domain   its registrable domain
     * @param url      its normalised URL
     * @param contacts the contacts found on it
     */
    record KeptPage(String domain, String url, Contacts contacts) {
    }

    /**
     * The contacts a page gives.
     *
     * @param emails      e-mail addresses
     * @param contactUrls links to contact pages
     * @param social      social profiles
     */
    record Contacts(List<String> emails, List<String> contactUrls, List<String> social) {
        /** Whether it gives none. */
        public boolean isEmpty() {
            return emails.isEmpty() && contactUrls.isEmpty() && social.isEmpty();
        }
    }

    /** The enrichments on the class path, in name order. */
    static List<IndexEnrichment> installed() {
        return ServiceLoader.load(IndexEnrichment.class, IndexEnrichment.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(IndexEnrichment::name)).toList();
    }
}
