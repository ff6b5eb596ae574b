package io.linkscout.outreach;

import io.linkscout.index.LinkScoutIndex;
import io.linkscout.site.SiteRepository;

/** Contacts of a site as the index knows them, for prospects: e-mail addresses and the contact page. */
public final class SiteContacts {

    private SiteContacts() {
    }

    /** A lookup over one index generation (null index: no contacts). */
    public static ProspectService.ContactLookup in(LinkScoutIndex idx) {
        if (idx == null) {
            return d -> SiteRepository.Contacts.NONE;
        }
        SiteRepository sites = new SiteRepository(idx);
        return sites::contacts;
    }

    /**
     * A lookup through a search backend (the embedded index or the OpenSearch alias of {@code serve} with
     * {@code linkscout.backend=opensearch}; null: no contacts).
     */
    public static ProspectService.ContactLookup through(io.linkscout.search.SearchBackend backend) {
        if (backend == null) {
            return d -> SiteRepository.Contacts.NONE;
        }
        return d -> SiteRepository.document(backend, d).map(SiteRepository::contacts)
                .orElse(SiteRepository.Contacts.NONE);
    }
}
