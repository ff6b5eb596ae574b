package io.linkscout.outreach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The outreach-tool exports against the layouts of the tools' import files (fixtures copied under
 * {@code src/test/resources/tool-exports}, see its NOTICE): same header, column order, encoding (no BOM), delimiter
 * and line ends; tricky values parse back exactly; the disavow file; format names. No database needed.
 */
class OutreachExportTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 6);
    static final String IDN_DOMAIN = IDN.toASCII("café-über.de");

    static Views.CampaignView campaign(String name, String contentUrl) {
        return new Views.CampaignView(7, name, null, "text", contentUrl, "kelpforestatlas.org", Instant.EPOCH,
                Instant.EPOCH, 0, Map.of());
    }

    static Views.ProspectView prospect(long id, String domain, String page, List<String> emails, ProspectStatus status,
            String wonUrl, boolean toxic) {
        return new Views.ProspectView(id, 7, domain, page, "a title, with \"quotes\"", 1.5, 20.0, "reasons, many",
                null, "shortlist", emails, "https://" + domain + "/contact", status, List.of(), "notes,\n\"x\"",
                wonUrl, null, Instant.EPOCH, Instant.EPOCH, 3, toxic, null);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = OutreachExportTest.class.getResourceAsStream("/tool-exports/" + name)) {
            assertTrue(in != null, "fixture missing: src/test/resources/tool-exports/" + name);
            return in.readAllBytes();
        }
    }

    static List<List<String>> parse(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            for (CSVRecord r : p) {
                rows.add(r.toList());
            }
        }
        return rows;
    }

    /** Plain prospects (no line breaks in any exported cell), so that every line end is a record end. */
    static List<Views.ProspectView> plain() {
        return List.of(
                prospect(1, "travel.example.org", "https://blog.travel.example.org/spas", List.of("ed@travel.example.org",
                        "ads@travel.example.org"), ProspectStatus.WON, "https://blog.travel.example.org/spas-2", false),
                prospect(2, "deals.example.net", null, List.of(), ProspectStatus.NEW, null, false));
    }

    /** The fixture's layout: its header line, its line end, no BOM; the export starts with the same bytes. */
    static void assertSameLayout(String fixture, List<String> header, String export) throws IOException {
        byte[] f = fixture(fixture);
        String ft = new String(f, StandardCharsets.UTF_8);
        assertFalse(ft.startsWith("\uFEFF"), "fixture has no BOM");
        assertFalse(export.startsWith("\uFEFF"), "no BOM, like " + fixture);
        String eol = ft.contains("\r\n") ? "\r\n" : "\n";
        String headerLine = ft.substring(0, ft.indexOf(eol));
        assertTrue(export.startsWith(headerLine + eol), "header line and line end of " + fixture + ": " + export);
        assertEquals(parse(ft).get(0), header);
        assertEquals(header, parse(export).get(0));
        // every record ends with the fixture's line end, never the other kind
        if (eol.equals("\n")) {
            assertFalse(export.contains("\r"), export);
        } else {
            assertEquals(export.split("\n", -1).length, export.split("\r\n", -1).length, export);
        }
        assertTrue(export.endsWith(eol));
        // and every fixture row has as many cells as the header (the fixture parses as we parse the export)
        for (List<String> row : parse(ft)) {
            assertEquals(header.size(), row.size(), fixture + ": " + row);
        }
    }

    @Test
    void buzzstreamHasTheImportTemplateLayout() throws IOException {
        String out = OutreachExports.buzzstream(campaign("Kelp", "https://kelpforestatlas.org/atlas"), plain());
        assertSameLayout("buzzstream-link-partners-import.csv", OutreachExports.BUZZSTREAM_HEADER, out);
        assertEquals("Link Partner \u2013 Name,Link Partner \u2013 Domain,Linking from,Linking To,Anchor Text,"
                + "Sitewide Link?,Sitewide \u2013 # of links,Acquisition Method,Payment Date,Payment \u2013 Amount,"
                + "Payment \u2013 Method,Payment \u2013 Reference ID,Payment \u2013 Type,Payment \u2013 Term,"
                + "Payment \u2013 Start date\r\n"
                + "travel.example.org,travel.example.org,https://blog.travel.example.org/spas-2,"
                + "https://kelpforestatlas.org/atlas,,,,,,,,,,,\r\n"
                + "deals.example.net,deals.example.net,,,,,,,,,,,,,\r\n", out);
    }

    @Test
    void pitchboxHasPartnerCrmLayoutTwo() throws IOException {
        String out = OutreachExports.pitchbox(plain());
        assertSameLayout("pitchbox-partner-import.csv", OutreachExports.PITCHBOX_HEADER, out);
        assertEquals("Partner URL,Partner Category,Contact Email,Contact First Name,Contact Last Name\n"
                + "https://blog.travel.example.org,,ed@travel.example.org,,\n"
                + "https://blog.travel.example.org,,ads@travel.example.org,,\n"
                + "https://deals.example.net,,,,\n", out);
        // the link-type layout (3) shares the partner columns; LinkScout has no link types or prices to fill it
        List<String> linkTypes = parse(new String(fixture("pitchbox-partner-import-linktypes.csv"),
                StandardCharsets.UTF_8)).get(0);
        assertEquals(linkTypes.subList(0, 2), OutreachExports.PITCHBOX_HEADER.subList(0, 2));
    }

    @Test
    void hunterHasOneRowPerEmailAndLeavesOutProspectsWithout() throws IOException {
        String out = OutreachExports.hunter(plain());
        assertSameLayout("hunter-leads-import.csv", OutreachExports.HUNTER_HEADER, out);
        assertEquals("Email,First name,Last name,Company,Website,Position\n"
                + "ed@travel.example.org,,,,travel.example.org,\n"
                + "ads@travel.example.org,,,,travel.example.org,\n", out);
    }

    @Test
    void trickyValuesParseBackExactly() throws IOException {
        String weirdEmail = "\"zoë, \\\"the\\\" editor\nsecond line\"@xn--caf-ber-b1a.example 😀";
        String wonUrl = "https://" + IDN_DOMAIN + "/a,b?q=\"x\";y=ü#😀";
        List<Views.ProspectView> ps = List.of(
                prospect(1, IDN_DOMAIN, "https://" + IDN_DOMAIN + "/seite,1", List.of(weirdEmail, "ed@" + IDN_DOMAIN),
                        ProspectStatus.WON, wonUrl, false),
                prospect(2, "#hash.example", null, List.of(" lead@space.example "), ProspectStatus.NEW, null, false));
        Views.CampaignView c = campaign("Kelp, \"atlas\"\n🌊", "https://kelpforestatlas.org/a,\"b\"");

        List<List<String>> buzz = parse(OutreachExports.buzzstream(c, ps));
        assertEquals(3, buzz.size());
        assertEquals(List.of(IDN_DOMAIN, IDN_DOMAIN, wonUrl, "https://kelpforestatlas.org/a,\"b\""),
                buzz.get(1).subList(0, 4));
        assertEquals(List.of("#hash.example", "#hash.example", "", ""), buzz.get(2).subList(0, 4));

        assertEquals(List.of(OutreachExports.PITCHBOX_HEADER,
                List.of("https://" + IDN_DOMAIN, "", weirdEmail, "", ""),
                List.of("https://" + IDN_DOMAIN, "", "ed@" + IDN_DOMAIN, "", ""),
                List.of("https://#hash.example", "", " lead@space.example ", "", "")),
                parse(OutreachExports.pitchbox(ps)));

        assertEquals(List.of(OutreachExports.HUNTER_HEADER,
                List.of(weirdEmail, "", "", "", IDN_DOMAIN, ""),
                List.of("ed@" + IDN_DOMAIN, "", "", "", IDN_DOMAIN, ""),
                List.of(" lead@space.example ", "", "", "", "#hash.example", "")),
                parse(OutreachExports.hunter(ps)));

        // the bytes are UTF-8 (no BOM) and decode back to the same text
        String text = OutreachExports.hunter(ps);
        assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertTrue(text.contains("😀"));
    }

    @Test
    void toxicProspectsGoToTheDisavowFileOnlySortedWithAHeader() throws IOException {
        List<Views.ProspectView> ps = List.of(
                prospect(1, "zeta-spam.example", null, List.of("a@zeta-spam.example"), ProspectStatus.NEW, null, true),
                prospect(2, "good.example", null, List.of("b@good.example"), ProspectStatus.NEW, null, false),
                prospect(3, IDN_DOMAIN, null, List.of("c@" + IDN_DOMAIN), ProspectStatus.REJECTED, null, true),
                prospect(4, "alpha-spam.example", null, List.of(), ProspectStatus.NEW, null, true));
        Views.CampaignView c = campaign("Kelp \"atlas\"\r\n# not a domain line 🌊", null);
        String d = OutreachExports.disavow(c, ps, DAY);
        assertEquals("# LinkScout disavow file for campaign 7: Kelp \"atlas\" # not a domain line 🌊 (target"
                + " kelpforestatlas.org)\n"
                + "# generated 2026-12-06 (UTC): 3 domains marked toxic\n"
                + "# upload in Google Search Console: https://search.google.com/search-console/disavow-links\n"
                + "domain:alpha-spam.example\n"
                + "domain:" + IDN_DOMAIN + "\n"
                + "domain:zeta-spam.example\n", d);
        // the same set in another order gives the same bytes
        List<Views.ProspectView> reversed = new ArrayList<>(ps);
        java.util.Collections.reverse(reversed);
        assertEquals(d, OutreachExports.disavow(c, reversed, DAY));
        // every line is a comment or a domain: line
        for (String line : d.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("domain:[a-z0-9.-]+"), line);
        }
        // outreach-tool exports leave the toxic ones out
        assertEquals("Email,First name,Last name,Company,Website,Position\nb@good.example,,,,good.example,\n",
                OutreachExports.hunter(ps));
        assertEquals(List.of("good.example"), parse(OutreachExports.buzzstream(c, ps)).stream().skip(1)
                .map(r -> r.get(1)).toList());
        assertFalse(OutreachExports.pitchbox(ps).contains("spam"));
        // LinkScout's own CSV keeps every prospect
        assertTrue(ProspectCsv.write(ps).contains("zeta-spam.example"));
    }

    @Test
    void disavowWithoutToxicDomainsIsOnlyComments() {
        String d = OutreachExports.disavow(campaign("Kelp", null), plain(), DAY);
        assertTrue(d.contains("# generated 2026-12-06 (UTC): 0 domains marked toxic\n"), d);
        assertFalse(d.contains("domain:"), d);
        assertEquals(3, d.split("\n").length);
        assertTrue(OutreachExports.disavow(campaign("Kelp", null), List.of(plain().get(0)), DAY)
                .lines().allMatch(l -> l.startsWith("#")));
    }

    @Test
    void formatsByNameAndAClearErrorListingTheValidOnes() {
        assertEquals(ExportFormat.LINKSCOUT, ExportFormat.parse(null));
        assertEquals(ExportFormat.LINKSCOUT, ExportFormat.parse(" "));
        assertEquals(ExportFormat.BUZZSTREAM, ExportFormat.parse(" BuzzStream "));
        assertEquals(ExportFormat.DISAVOW, ExportFormat.parse("disavow"));
        UserException e = assertThrows(UserException.class, () -> ExportFormat.parse("ahrefs"));
        assertEquals(400, e.status());
        assertEquals("unknown export format \"ahrefs\": use one of linkscout, buzzstream, pitchbox, hunter, disavow",
                e.getMessage());
        assertEquals("campaign-3-buzzstream.csv", ExportFormat.BUZZSTREAM.fileName(3));
        assertEquals("campaign-3-prospects.csv", ExportFormat.LINKSCOUT.fileName(3));
        assertEquals("campaign-3-disavow.txt", ExportFormat.DISAVOW.fileName(3));
        assertEquals("text/plain; charset=UTF-8", ExportFormat.DISAVOW.contentType());
        assertEquals("text/csv; charset=UTF-8", ExportFormat.HUNTER.contentType());
    }

    @Test
    void linkscoutFormatIsTheExistingCsv() {
        Views.CampaignView c = campaign("Kelp", null);
        assertArrayEquals(ProspectCsv.write(plain()).getBytes(StandardCharsets.UTF_8),
                OutreachExports.write(ExportFormat.LINKSCOUT, c, plain(), DAY).getBytes(StandardCharsets.UTF_8));
    }
}
