package io.linkscout.jobs;

import io.linkscout.error.UserException;
import io.linkscout.index.IndexFields;
import io.linkscout.index.LinkScoutIndex;
import io.linkscout.nlp.ContentText;
import io.linkscout.nlp.ContentType;
import io.linkscout.rank.ContentQuery;
import io.linkscout.search.LuceneSearchBackend;
import io.linkscout.search.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The user's content for the jobs: converted like {@code recommend} does ({@link ContentText}: HTML, Markdown or
 * plain text, size and language checks), then reduced to its top tf-idf terms against the index
 * ({@link ContentQuery}, document frequencies from the {@link SearchBackend} the job reads). No CoreNLP pass: the
 * jobs' topic fit is term-based.
 */
public final class JobsContent {

    private JobsContent() {
    }

    /** With the embedded index's statistics. */
    public static ContentQuery of(LinkScoutIndex idx, String content, String type, String title,
            boolean allowNonEnglish) {
        return of(idx, new LuceneSearchBackend(idx, false), content, type, title, allowNonEnglish);
    }

    /** With the statistics of {@code backend} (the embedded index or an OpenSearch cluster). */
    public static ContentQuery of(LinkScoutIndex idx, SearchBackend backend, String content, String type,
            String title, boolean allowNonEnglish) {
        ContentType t;
        try {
            t = ContentType.parse(type == null || type.isBlank() ? "auto" : type.strip());
        } catch (UserException e) {
            throw new UserException("contentType must be one of auto, plain, markdown, html (got \"" + type + "\")");
        }
        ContentText.Converted c = ContentText.convert(content, t,
                ContentText.Options.defaults().withAllowNonEnglish(allowNonEnglish));
        String ti = title != null && !title.isBlank() ? title.strip() : c.title();
        ContentQuery q;
        try {
            q = ContentQuery.of(ti, c.text(), List.of(), idx.analyzer(), backend.numDocs(), terms -> {
                try {
                    return backend.docFreqs(IndexFields.BODY, terms);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (q.terms().isEmpty()) {
            throw new UserException("content: no searchable words in the content (give the text of your article)");
        }
        return q;
    }
}
