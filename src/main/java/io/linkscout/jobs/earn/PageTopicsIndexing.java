package io.linkscout.jobs.earn;

import io.linkscout.index.IndexEnrichment;
import io.linkscout.index.IndexFields;
import io.linkscout.nlp.PageTopics;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;

/**
 * Writes each page's topics ({@link PageTopics}: keyphrases of the title and the start of the text) at ingest: the
 * display phrases stored in {@link IndexFields#PAGE_TOPICS} (best first) and their keys indexed in
 * {@link IndexFields#PAGE_TOPIC_KEYS}. Read by {@code topics-that-earn} and by the "topics" part of recommendation
 * explanations. A page's topics depend on its own title and text only, so a kept page keeps them, and a page
 * rewritten with the same title and text (an incremental ingest: new anchors received) copies them from its old
 * document. The name carries a
 * version ({@value #NAME}): bump it when what {@link PageTopics} returns changes, and the next ingest of an older
 * index rebuilds it in full once (the enrichment names are part of the incremental marker).
 */
public final class PageTopicsIndexing implements IndexEnrichment {

    public static final String NAME = "page-topics-6";

    private final PageTopics topics;

    public PageTopicsIndexing() {
        this(new PageTopics());
    }

    public PageTopicsIndexing(PageTopics topics) {
        this.topics = topics;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A page's topics depend on its title and text only: a page rewritten with the same ones keeps them. */
    @Override
    public Set<String> reusedFields() {
        return Set.of(IndexFields.PAGE_TOPICS);
    }

    @Override
    public Pass start(Corpus corpus) {
        return new Pass() {
            @Override
            public void page(Document doc, IndexedPage p) {
                write(doc, topics.extract(p.title(), p.text()));
            }

            @Override
            public void rewritten(Document doc, IndexedPage p, Document old) {
                write(doc, List.of(old.getValues(IndexFields.PAGE_TOPICS)));
            }

            @Override
            public void site(Document doc, String domain) {
            }
        };
    }

    static void write(Document doc, List<String> phrases) {
        for (String ph : phrases) {
            doc.add(new StoredField(IndexFields.PAGE_TOPICS, ph));
            doc.add(new StringField(IndexFields.PAGE_TOPIC_KEYS, PageTopics.key(ph), Field.Store.NO));
        }
    }
}
