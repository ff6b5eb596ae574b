package io.linkscout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.linkscout.nlp.PosLexicon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pos-lexicon} over small JSON Lines corpora, with CoreNLP's real tagger; and its error for a missing file. */
class PosLexiconCommandTest {

    @TempDir
    Path tmp;

    @Test
    void countsTheCorpusAndMeasuresAgreementOnHeldOutRecordsOnly() throws Exception {
        Path corpus = tmp.resolve("corpus.jsonl");
        Files.writeString(corpus, """
                {"url": "https://a.org/1", "title": "Sea otters", "text": "Sea otters eat sea urchins."}
                {"url": "https://a.org/2", "title": "Kelp", "text": "Kelp forests shelter the otters."}
                """, StandardCharsets.UTF_8);
        Path heldout = tmp.resolve("heldout.jsonl");
        // the first record is in the corpus (same url) and is not counted again
        Files.writeString(heldout, """
                {"url": "https://a.org/1", "title": "Sea otters", "text": "Sea otters eat sea urchins."}
                {"url": "https://b.org/1", "title": "", "text": "The otters eat urchins."}
                """, StandardCharsets.UTF_8);
        Path out = tmp.resolve("lexicon.tsv.gz");
        CommandsTest.Outcome o = CommandsTest.run(new PosLexiconCommand(), "--corpus", corpus.toString(), "--out",
                out.toString(), "--heldout", heldout.toString());
        assertEquals(0, o.exit(), o.err());
        // "Sea otters" + blank line + "Sea otters eat sea urchins ." = 2 + 6 tokens; "Kelp" + 6 tokens
        assertTrue(o.out().startsWith("2 documents, 15 tokens, "), o.out());
        assertTrue(o.out().contains("held out: 1 records of " + heldout), o.out());
        assertTrue(o.out().contains(", 5 tokens, agreement with CoreNLP "), o.out());
        try (var in = new GZIPInputStream(Files.newInputStream(out))) {
            String head = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertTrue(head.startsWith(PosLexicon.HEADER + " tokens=15 "), head);
            assertTrue(head.endsWith("docs=2 chars=5000 source=corpus.jsonl:2"), head);
        }
        assertEquals(4, PosLexicon.read(out).wordForms(), "forms seen twice: Sea, otters, Kelp, \".\"");
    }

    @Test
    void aMissingCorpusFileIsAClearError() {
        CommandsTest.Outcome o = CommandsTest.run(new PosLexiconCommand(), "--corpus", tmp.resolve("nope.jsonl")
                .toString(), "--out", tmp.resolve("x.tsv.gz").toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("file not found: " + tmp.resolve("nope.jsonl") + " (give --corpus"), o.err());
        assertTrue(Files.notExists(tmp.resolve("x.tsv.gz")), "nothing written");
    }
}
