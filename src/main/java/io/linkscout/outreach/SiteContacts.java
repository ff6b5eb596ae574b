package io.linkscout.outreach;

import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** Contacts of a site as the index knows them: e-mail addresses and the contact page of its site document. */
public final class SiteContacts {

    /** E-mail addresses (sorted, at most 20) and the contact page URL (or null). */
    public record Contacts(List<String> emails, String contactUrl) {
        static final Contacts NONE = new Contacts(List.of(), null);
    }

    private SiteContacts() {
    }

    /** A lookup over one index generation (null index: no contacts). */
    public static ProspectService.ContactLookup in(LinkScoutIndex idx) {
        return idx == null ? d -> Contacts.NONE : d -> find(idx, d);
    }

    public static Contacts find(LinkScoutIndex idx, String domain) {
        try {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SITE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.ID, domain)), BooleanClause.Occur.FILTER).build();
            TopDocs td = idx.searcher().search(q, 1);
            if (td.scoreDocs.length == 0) {
                return Contacts.NONE;
            }
            Document d = idx.searcher().storedFields().document(td.scoreDocs[0].doc);
            List<String> emails = new ArrayList<>();
            for (IndexableField f : d.getFields(IndexFields.EMAILS)) {
                if (f.stringValue() != null && emails.size() < 20) {
                    emails.add(f.stringValue());
                }
            }
            emails.sort(null);
            String contact = d.get(IndexFields.CONTACT_URL);
            return new Contacts(List.copyOf(emails), contact == null || contact.isBlank() ? null : contact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
