package io.linkscout.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

class ContactsEnrichmentTest {

    private static final IndexEnrichment.Corpus NO_FLAGS = domain -> List.of();

    private static IndexEnrichment.IndexedPage page(String domain, String url, IndexEnrichment.Contacts c) {
        return new IndexEnrichment.IndexedPage(domain, url, "t", "text", List.of(), null, c);
    }

    private static List<String> values(Document d, String field) {
        return Arrays.stream(d.getFields(field)).map(IndexableField::stringValue).toList();
    }

    @Test
    void aSiteGathersItsPagesContactsWrittenAndKept() {
        IndexEnrichment.Pass pass = new ContactsEnrichment().start(NO_FLAGS);
        pass.page(new Document(), page("a.com", "https://a.com/b", new IndexEnrichment.Contacts(
                List.of("x@a.com"), List.of("https://a.com/contact"), List.of("https://twitter.com/a"))));
        // a kept page: its contacts come from its stored record, with no enrichment state
        pass.kept(null, new IndexEnrichment.KeptPage("a.com", "https://a.com/a", new IndexEnrichment.Contacts(
                List.of("y@a.com"), List.of("https://a.com/contact-us", "https://other.org/contact"), List.of())));
        pass.page(new Document(), page("a.com", "https://a.com/c", new IndexEnrichment.Contacts(
                List.of(), List.of("https://a.com/contact-us"), List.of())));
        pass.page(new Document(), page("b.com", "https://b.com/", new IndexEnrichment.Contacts(
                List.of(), List.of(), List.of())));
        Document a = new Document();
        pass.site(a, "a.com");
        assertEquals(List.of("x@a.com", "y@a.com"), values(a, IndexFields.EMAILS));
        // named by two pages; the other site's contact page does not count
        assertEquals("https://a.com/contact-us", a.get(IndexFields.CONTACT_URL));
        assertEquals(List.of("https://twitter.com/a"), values(a, IndexFields.SOCIAL));
        Document b = new Document();
        pass.site(b, "b.com");
        assertEquals(List.of(), b.getFields());
    }

    @Test
    void pagesAreReadInUrlOrderUntilFiftyAddressesWhateverOrderTheyArrive() {
        IndexEnrichment.Pass pass = new ContactsEnrichment().start(NO_FLAGS);
        List<String> expected = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            String n = String.format("%02d", i);
            pass.page(new Document(), page("c.com", "https://c.com/p" + n, new IndexEnrichment.Contacts(
                    List.of("e" + n + "@c.com"), List.of(), List.of())));
        }
        for (int i = 0; i < ContactsEnrichment.MAX_PER_SITE; i++) {
            expected.add(String.format("e%02d@c.com", i));
        }
        Document c = new Document();
        pass.site(c, "c.com");
        assertEquals(expected, values(c, IndexFields.EMAILS));
        assertNull(c.get(IndexFields.CONTACT_URL));
    }

    @Test
    void theContactPageIsTheMostNamedThenTheShortestThenTheFirst() {
        Map<String, Integer> votes = new TreeMap<>(Map.of("https://a.com/write-to-us", 2, "https://a.com/contact", 2,
                "https://a.com/c", 1));
        assertEquals("https://a.com/contact", ContactsEnrichment.contactUrl(votes));
        assertEquals("https://a.com/a", ContactsEnrichment.contactUrl(new TreeMap<>(Map.of("https://a.com/b", 1,
                "https://a.com/a", 1))));
        assertNull(ContactsEnrichment.contactUrl(Map.of()));
    }
}
