package io.linkscout.site;

import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexFields;
import io.linkscout.url.Domains;
import io.linkscout.url.UrlNormalizer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;

/**
 * The contacts of a site document, gathered from what its pages give (found at ingest by
 * {@link io.linkscout.ingest.ContactExtractor} and kept in each page's record): e-mail addresses and social
 * profiles (the pages read in URL order, each page's all, until 50 are collected) and one contact page
 * ({@link #contactUrl}). Writes {@link IndexFields#EMAILS}, {@link IndexFields#CONTACT_URL} and
 * {@link IndexFields#SOCIAL}; {@link SiteRepository} reads them back.
 *
 * <p>Memory: the contacts of the pages that give any, until the site documents are written.
 */
public final class ContactsEnrichment implements IndexEnrichment {

    /** The most e-mail addresses (likewise social profiles) a site collects before it stops adding pages' ones. */
    static final int MAX_PER_SITE = 50;

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public Pass start(Corpus corpus) {
        return new Pass() {
            /** per registrable domain, the contacts of its pages that give any, by URL */
            private final Map<String, NavigableMap<String, Contacts>> byDomain = new ConcurrentHashMap<>();

            @Override
            public void page(Document doc, IndexedPage p) {
                collect(p.domain(), p.url(), p.contacts());
            }

            @Override
            public void kept(Object state, KeptPage page) {
                collect(page.domain(), page.url(), page.contacts());
            }

            private void collect(String domain, String url, Contacts c) {
                if (c != null && !c.isEmpty()) {
                    byDomain.computeIfAbsent(domain, k -> new ConcurrentSkipListMap<>()).put(url, c);
                }
            }

            @Override
            public void site(Document doc, String domain) {
                Set<String> emails = new TreeSet<>();
                Set<String> social = new TreeSet<>();
                Map<String, Integer> contactVotes = new TreeMap<>();
                for (Contacts c : byDomain.getOrDefault(domain, new TreeMap<>()).values()) {
                    if (emails.size() < MAX_PER_SITE) {
                        emails.addAll(c.emails());
                    }
                    if (social.size() < MAX_PER_SITE) {
                        social.addAll(c.social());
                    }
                    for (String u : c.contactUrls()) {
                        if (domain.equals(Domains.registrableDomain(UrlNormalizer.host(u)))) {
                            contactVotes.merge(u, 1, Integer::sum);
                        }
                    }
                }
                for (String e : emails) {
                    doc.add(new StoredField(IndexFields.EMAILS, e));
                }
                String contact = contactUrl(contactVotes);
                if (contact != null) {
                    doc.add(new StoredField(IndexFields.CONTACT_URL, contact));
                }
                for (String x : social) {
                    doc.add(new StoredField(IndexFields.SOCIAL, x));
                }
            }
        };
    }

    /**
     * A site's contact page: among the same-site contact URLs its pages name, the one named by most pages, then
     * the shortest, then the first in alphabetical order; {@code null} when none.
     */
    static String contactUrl(Map<String, Integer> votes) {
        String best = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null) {
                best = e.getKey();
                continue;
            }
            int c = Integer.compare(e.getValue(), votes.get(best));
            if (c > 0 || (c == 0 && e.getKey().length() < best.length())) {
                best = e.getKey();
            }
        }
        return best;
    }
}
