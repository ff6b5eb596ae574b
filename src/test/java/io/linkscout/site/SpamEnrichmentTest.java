package io.linkscout.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexFields;
import io.linkscout.ingest.Link;
import io.linkscout.quality.SpamFlag;
import java.util.List;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;

class SpamEnrichmentTest {

    /** A domain-graph flag of weight 0.5 and strength 1 on farm.com: score 100·0.5 = 50 alone. */
    private static final SpamFlag FARM = new SpamFlag(SpamFlag.LINK_FARM, "link farm", List.of(), 0.5, 1);
    private static final IndexEnrichment.Corpus CORPUS = d -> d.equals("farm.com") ? List.of(FARM) : List.of();

    /** 40 distinct words, well over the 250 characters below which a page is thin. */
    private static final String ARTICLE = "Sea otters use stones as tools to open shells; they live along the "
            + "coasts of the northern Pacific, rest in kelp forests, groom their dense fur for hours each day and "
            + "eat urchins, crabs and clams, which keeps the kelp beds from being grazed away by urchins.";

    private static IndexEnrichment.IndexedPage page(String domain, String url, String text, List<Link> links) {
        return new IndexEnrichment.IndexedPage(domain, url, "t", text, links, null,
                new IndexEnrichment.Contacts(List.of(), List.of(), List.of()));
    }

    private static double score(Document d) {
        return d.getField(IndexFields.SPAM_SCORE).numericValue().doubleValue();
    }

    /** A page's spam score: a double doc value (the field holds its bits). */
    private static double pageScore(Document d) {
        return Double.longBitsToDouble(d.getField(IndexFields.PAGE_SPAM).numericValue().longValue());
    }

    private static String pageFlags(Document d) {
        return d.getBinaryValue(IndexFields.PAGE_SPAM_FLAGS).utf8ToString();
    }

    @Test
    void aPageCarriesItsDomainsGraphFlagsAndItsOwnContentFlags() {
        IndexEnrichment.Pass pass = new SpamEnrichment().start(CORPUS);
        Document clean = new Document();
        pass.page(clean, page("otters.org", "https://otters.org/a", ARTICLE, List.of()));
        assertEquals(0.0, pageScore(clean));
        assertEquals("[]", pageFlags(clean));
        Document farm = new Document();
        pass.page(farm, page("farm.com", "https://farm.com/a", ARTICLE, List.of()));
        assertEquals(50.0, pageScore(farm), 1e-9);
        assertTrue(pageFlags(farm).contains(SpamFlag.LINK_FARM));
        Document casino = new Document();
        pass.page(casino, page("farm.com", "https://farm.com/b", ARTICLE + " Online casino, free spins and a "
                + "no deposit bonus every day.", List.of(new Link("https://elsewhere.net/", "casino", ""))));
        // the farm flag (0.5) and SPAM_VOCABULARY combine like independent probabilities: above 50, below 100
        assertTrue(pageFlags(casino).contains(SpamFlag.SPAM_VOCABULARY));
        assertTrue(pageScore(casino) > 50 && pageScore(casino) < 100, Double.toString(pageScore(casino)));
        // page documents carry no stored spam fields: those would make every page of a flagged domain change
        assertEquals(null, casino.get(IndexFields.SPAM_SCORE));
        assertEquals(null, casino.get(IndexFields.SPAM_FLAGS));
    }

    /**
     * A kept page's spam doc values are what writing it again would give: its domain's flags of this build (here
     * farm.com became a farm since the page was written) and the content flags of its stored measurements.
     */
    @Test
    void aKeptPagesSpamValuesAreThoseOfAPageWrittenAgain() {
        SpamEnrichment spam = new SpamEnrichment();
        IndexEnrichment.Pass before = spam.start(d -> List.of());
        Document old = new Document();
        String text = ARTICLE + " Online casino, free spins and a no deposit bonus every day.";
        List<Link> links = List.of(new Link("https://elsewhere.net/", "casino", ""));
        before.page(old, page("farm.com", "https://farm.com/b", text, links));
        Document stored = new Document();
        stored.add(new org.apache.lucene.document.StoredField(IndexFields.CONTENT_SIGNALS,
                old.get(IndexFields.CONTENT_SIGNALS)));
        Object state = spam.keptState(stored);

        IndexEnrichment.Pass now = spam.start(CORPUS);
        Document written = new Document();
        now.page(written, page("farm.com", "https://farm.com/b", text, links));
        List<org.apache.lucene.document.Field> kept = now.keptValues(state, new IndexEnrichment.KeptPage("farm.com",
                "https://farm.com/b", new IndexEnrichment.Contacts(List.of(), List.of(), List.of())));
        assertEquals(List.of(IndexFields.PAGE_SPAM, IndexFields.PAGE_SPAM_FLAGS),
                kept.stream().map(org.apache.lucene.document.Field::name).toList());
        assertEquals(written.getField(IndexFields.PAGE_SPAM).numericValue(), kept.get(0).numericValue());
        assertEquals(written.getBinaryValue(IndexFields.PAGE_SPAM_FLAGS), kept.get(1).binaryValue());
        // and they moved: the farm flag (0.5) joined the vocabulary flag
        assertTrue(pageScore(written) > pageScore(old), pageScore(written) + " vs " + pageScore(old));
        assertTrue(pageFlags(written).contains(SpamFlag.LINK_FARM) && !pageFlags(old).contains(SpamFlag.LINK_FARM));
    }

    @Test
    void aKeptPageCountsForItsSiteAsIfItWereWrittenAgain() {
        SpamEnrichment spam = new SpamEnrichment();
        // site dup.com: two pages whose text another site has too (DUPLICATE_CONTENT), one of them thin elsewhere
        IndexEnrichment.Pass written = spam.start(CORPUS);
        Document p1 = new Document();
        written.page(p1, page("dup.com", "https://dup.com/1", ARTICLE, List.of()));
        Document p2 = new Document();
        written.page(p2, page("dup.com", "https://dup.com/2", ARTICLE + " Again.", List.of()));
        written.page(new Document(), page("copy.net", "https://copy.net/1", ARTICLE, List.of()));
        written.page(new Document(), page("copy.net", "https://copy.net/2", ARTICLE + " Again.", List.of()));
        Document siteWritten = new Document();
        written.site(siteWritten, "dup.com");
        assertTrue(siteWritten.get(IndexFields.SPAM_FLAGS).contains(SpamFlag.DUPLICATE_CONTENT),
                siteWritten.get(IndexFields.SPAM_FLAGS));

        // the same corpus where dup.com/1 is kept: its measurements come back from its stored field
        assertTrue(spam.keptStateRequired());
        assertEquals(List.of(IndexFields.CONTENT_SIGNALS), List.copyOf(spam.keptFields()));
        IndexEnrichment.Pass incremental = spam.start(CORPUS);
        incremental.kept(spam.keptState(p1), new IndexEnrichment.KeptPage("dup.com", "https://dup.com/1",
                new IndexEnrichment.Contacts(List.of(), List.of(), List.of())));
        incremental.page(new Document(), page("dup.com", "https://dup.com/2", ARTICLE + " Again.", List.of()));
        incremental.page(new Document(), page("copy.net", "https://copy.net/1", ARTICLE, List.of()));
        incremental.page(new Document(), page("copy.net", "https://copy.net/2", ARTICLE + " Again.", List.of()));
        Document siteIncremental = new Document();
        incremental.site(siteIncremental, "dup.com");
        assertEquals(siteWritten.get(IndexFields.SPAM_FLAGS), siteIncremental.get(IndexFields.SPAM_FLAGS));
        assertEquals(score(siteWritten), score(siteIncremental));
        // no stored measurements: nothing to keep
        assertEquals(null, spam.keptState(new Document()));
    }
}
