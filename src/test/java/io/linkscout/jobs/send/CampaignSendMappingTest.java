package io.linkscout.jobs.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.linkscout.jobs.ProspectCandidate;
import io.linkscout.outreach.Candidate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one mapping from a job result to an outreach candidate, field by field. */
class CampaignSendMappingTest {

    static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void mentionKeepsItsPageTitleAuthorityAndEvidence() {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("matched", List.of("Kelp Atlas"));
        ev.put("pageTitle", "Ocean reading");
        ev.put("siteAuthority", 12.5);
        Candidate c = CampaignSend.toCandidate(new ProspectCandidate("mentions", "r2.net", "https://r2.net/p2", 12.5,
                "names Kelp Atlas without linking to you: \"We loved the Kelp Atlas maps.\"", ev), AT);
        assertEquals("r2.net", c.domainOrUrl());
        assertEquals("https://r2.net/p2", c.pageUrl());
        assertEquals("Ocean reading", c.title());
        assertEquals(12.5, c.score());
        assertEquals(12.5, c.authority());
        assertEquals("names Kelp Atlas without linking to you: \"We loved the Kelp Atlas maps.\"", c.reasons());
        assertEquals("{\"job\":\"mentions\",\"explanation\":\"names Kelp Atlas without linking to you: \\\"We loved"
                + " the Kelp Atlas maps.\\\"\",\"url\":\"https://r2.net/p2\",\"score\":12.5,\"sentAt\":"
                + "\"2026-11-25T12:00:00Z\",\"evidence\":{\"matched\":[\"Kelp Atlas\"],\"pageTitle\":\"Ocean reading\","
                + "\"siteAuthority\":12.5}}", c.explanationJson());
        assertEquals(List.of(), c.emails());
        assertNull(c.contactUrl());
    }

    @Test
    void aPageOnAnotherSiteIsNotTheProspectsPage() {
        // topics-that-earn: the linking site r3.io is the prospect, the page it linked to is on comp-a.com
        Candidate c = CampaignSend.toCandidate(new ProspectCandidate("topics-that-earn", "r3.io",
                "https://comp-a.com/sea-otters", 40.0, "linked to 2 page(s) about \"sea otter\"",
                Map.of("topic", "sea otter", "pagesLinked", 2, "authority", 40.0)), AT);
        assertEquals("r3.io", c.domainOrUrl());
        assertNull(c.pageUrl());
        assertEquals(40.0, c.authority());
        assertNull(c.title());
        assertEquals("linked to 2 page(s) about \"sea otter\"", c.reasons());
    }

    @Test
    void guestPostContactPageIsKeptAndAnEmptyDomainFallsBackToTheUrl() {
        Candidate g = CampaignSend.toCandidate(new ProspectCandidate("guest-posts", "r1.org",
                "https://www.r1.org/write-for-us", 0.8, "accepts guest posts", Map.of("contactUrl",
                        "https://r1.org/contact", "authority", 30)), AT);
        assertEquals("https://www.r1.org/write-for-us", g.pageUrl());
        assertEquals("https://r1.org/contact", g.contactUrl());
        assertEquals(30.0, g.authority());
        Candidate blank = CampaignSend.toCandidate(new ProspectCandidate("guest-posts", "", "https://r1.org/x",
                Double.NaN, "x", Map.of("contactUrl", "")), AT);
        assertEquals("https://r1.org/x", blank.domainOrUrl());
        assertEquals("https://r1.org/x", blank.pageUrl());
        assertNull(blank.score());
        assertNull(blank.authority());
        assertNull(blank.contactUrl());
    }
}
