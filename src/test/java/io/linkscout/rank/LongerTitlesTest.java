package io.linkscout.rank;

import static io.linkscout.rank.RecommenderTest.page;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkscout.index.LinkScoutIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The longer known titles a title's mentions are checked against ({@link PageTable#longerTitlesContaining}): all of
 * them in dictionary order, or, when there are more than asked for, the most linked-to ones.
 */
class LongerTitlesTest {

    @TempDir
    Path dir;

    @Test
    void moreLongerTitlesThanAskedForKeepsTheMostLinkedTiesInDictionaryOrder() throws Exception {
        String base = "https://dams.example/";
        // in-links: three gorges dam 3, beaver dam 1, dam safety 1, hoover dam 0; "Dam" itself and "Damage" (a word
        // that only starts with the phrase) are not longer titles containing it
        List<io.linkscout.ingest.PageRecord> pages = List.of(
                page(base + "dam", "Dam", "A dam holds water back.", List.of(base + "three-gorges")),
                page(base + "hoover", "Hoover Dam", "Hoover Dam is on the Colorado.", List.of(base + "three-gorges",
                        base + "safety")),
                page(base + "three-gorges", "Three Gorges Dam", "The biggest dam.", List.of(base + "beaver")),
                page(base + "beaver", "Beaver dam", "Beavers build a dam.", List.of(base + "three-gorges")),
                page(base + "safety", "Dam safety", "Inspections of a dam.", List.of()),
                page(base + "damage", "Damage", "Flood damage.", List.of(base + "dam")));
        try (LinkScoutIndex index = RecommenderTest.index(dir, pages)) {
            PageTable table = PageTable.of(index);
            String[] dam = {"dam"};
            assertEquals(List.of("beaver dam", "dam safety", "hoover dam", "three gorges dam"),
                    table.longerTitlesContaining(dam, 10));
            assertEquals(List.of("beaver dam", "dam safety", "hoover dam", "three gorges dam"),
                    table.longerTitlesContaining(dam, 4));
            assertEquals(List.of("three gorges dam", "beaver dam"), table.longerTitlesContaining(dam, 2));
            assertEquals(List.of("three gorges dam", "beaver dam", "dam safety"), table.longerTitlesContaining(dam, 3));
            assertEquals(List.of(), table.longerTitlesContaining(new String[] {"hoover", "dam"}, 10));
        }
    }
}
