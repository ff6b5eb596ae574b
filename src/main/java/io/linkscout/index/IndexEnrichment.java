package io.linkscout.index;

import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageStructure;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * Adds fields of its own to page and site documents while {@link IndexBuilder} writes them, so that a detector
 * (guest posts today) can put its findings into the index without the builder naming it. Implementations are found
 * with {@link ServiceLoader} ({@code META-INF/services/io.linkscout.index.IndexEnrichment}) and run in
 * {@link #name()} order.
 *
 * <p>Each build asks for a fresh {@link Pass}: {@link Pass#page} is called once per page document, from several
 * writer threads at once, before any {@link Pass#site} call; {@link Pass#site} once per site document, from one
 * thread.
 */
public interface IndexEnrichment {

    /** A stable name; it orders the enrichments and names them in errors. */
    String name();

    /** A fresh per-build state. */
    Pass start();

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

    /** One build's state. */
    interface Pass {
        /** Adds fields to a page document (thread-safe). */
        void page(Document doc, IndexedPage page);

        /** Adds fields to the site document of a registrable domain. */
        void site(Document doc, String domain);

        /**
         * A page whose document this (incremental) build keeps, with the non-null {@link #keptState} of its old
         * document; called before any {@link #site} call, possibly from several threads.
         */
        default void kept(Object state, String domain, String url) {
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
     */
    record IndexedPage(String domain, String url, String title, String text, List<Link> links,
            PageStructure structure) {
    }

    /** The enrichments on the class path, in name order. */
    static List<IndexEnrichment> installed() {
        return ServiceLoader.load(IndexEnrichment.class, IndexEnrichment.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(IndexEnrichment::name)).toList();
    }
}
