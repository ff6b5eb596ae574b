package io.linkscout.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.index.IndexBuilder;
import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.ingest.Link;
import io.linkscout.ingest.PageRecord;
import io.linkscout.rank.Feature;
import io.linkscout.rank.RankerModel;
import io.linkscout.rank.Recommender;
import io.linkscout.rank.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k-fold and leave-one-corpus-out on two small labelled "corpora" (queries over one fixture index): every query is
 * scored exactly once, a held-out corpus is ranked by the model of the other corpus alone, and the figures repeat.
 */
class CrossValidationTest {

    @TempDir
    static Path dir;
    static LinkScoutIndex index;
    static Recommender rec;

    static final String[][] TOPICS = {
        {"Volcano", "volcano magma crater eruption lava"},
        {"Glacier", "glacier ice moraine snow valley"},
        {"Desert", "desert sand dune heat cactus"},
        {"Coral reef", "coral reef fish lagoon ocean"},
        {"Rainforest", "rainforest canopy rain tree jaguar"},
        {"Tundra", "tundra permafrost moss cold reindeer"},
    };

    @BeforeAll
    static void build() throws Exception {
        List<PageRecord> pages = new ArrayList<>();
        for (String[] t : TOPICS) {
            String slug = t[0].toLowerCase().replace(' ', '-');
            // a page naming the topic (the "linker"), one sharing its words only, one unrelated filler
            pages.add(page("https://a.example/" + slug + "-guide", t[0] + " guide", "All about the " + t[0] + ": "
                    + t[1] + ". The " + t[0] + " is worth a trip."));
            pages.add(page("https://b.example/" + slug + "-words", "Notes", "Words: " + t[1] + "."));
            pages.add(page("https://c.example/" + slug + "-misc", "Misc " + slug, "Nothing to see, " + t[1]
                    .split(" ")[0] + " aside."));
        }
        IndexLayout layout = new IndexLayout(dir.resolve("idx"));
        new IndexBuilder(layout, 1, null).ingest((sink, report) -> pages.forEach(sink::page));
        index = LinkScoutIndex.open(layout);
        rec = new Recommender(index, RankerModel.bundled());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static PageRecord page(String url, String title, String text) {
        return new PageRecord(url, title, title + "\n\n" + text, List.<Link>of(), List.of(), null, "test");
    }

    /** Queries {@code from..to-1} of TOPICS; the relevant page of each is its guide on a.example. */
    static CrossValidation.Corpus corpus(String name, int from, int to) {
        List<Trainer.Example> ex = new ArrayList<>();
        Map<String, Set<String>> rel = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            String[] t = TOPICS[i];
            String id = "https://q.example/" + i;
            String relevant = "https://a.example/" + t[0].toLowerCase().replace(' ', '-') + "-guide";
            rel.put(id, Set.of(relevant));
            Recommender.Candidates c = rec.candidates(rec.prepare(t[0], "A new article on the " + t[0] + ": "
                    + t[1] + ".", List.of()), 300);
            boolean[] labels = new boolean[c.docs().length];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = rec.url(c.nodes()[k]).equals(relevant);
            }
            ex.add(new Trainer.Example(id, c, labels, 1, name));
        }
        return new CrossValidation.Corpus(name, rec, ex, new Qrels(rel));
    }

    static final Trainer TRAINER = new Trainer(42L, 1e-3, 4, 50);
    static final Set<Feature> FEATURES = EnumSet.of(Feature.BM25_TITLE, Feature.MENTION_BM25, Feature.TITLE_FIELD,
            Feature.LENGTH);

    @Test
    void everyQueryIsScoredOnceAndTheFiguresRepeat() {
        List<CrossValidation.Corpus> both = List.of(corpus("a", 0, 3), corpus("b", 3, 6));
        Map<String, Evaluator.Result> cv = CrossValidation.kFold(both, TRAINER, FEATURES, 3, 300);
        assertEquals(List.of("a", "b"), List.copyOf(cv.keySet()));
        assertEquals(3, cv.get("a").queries());
        assertEquals(3, cv.get("b").queries());
        assertEquals(cv.get("a").means(), CrossValidation.kFold(both, TRAINER, FEATURES, 3, 300).get("a").means());
    }

    @Test
    void aHeldOutCorpusIsRankedByTheModelOfTheOtherCorpusAlone() {
        CrossValidation.Corpus a = corpus("a", 0, 3);
        CrossValidation.Corpus b = corpus("b", 3, 6);
        Map<String, Evaluator.Result> loco = CrossValidation.leaveOneCorpusOut(List.of(a, b), TRAINER, FEATURES, 300);
        assertEquals(List.of("a", "b"), List.copyOf(loco.keySet()));
        RankerModel onlyB = TRAINER.fit(b.examples(), FEATURES, 300, Map.of());
        assertEquals(CrossValidation.score(a, onlyB).means(), loco.get("a").means());
        RankerModel onlyA = TRAINER.fit(a.examples(), FEATURES, 300, Map.of());
        assertEquals(CrossValidation.score(b, onlyA).means(), loco.get("b").means());
        // the guide names the title, so a model of the other corpus still finds it first
        assertEquals(1.0, loco.get("a").means().get(Evaluator.MRR), 1e-9);
        assertTrue(CrossValidation.leaveOneCorpusOut(List.of(a), TRAINER, FEATURES, 300).isEmpty(),
                "one corpus: nothing to leave out");
    }
}
