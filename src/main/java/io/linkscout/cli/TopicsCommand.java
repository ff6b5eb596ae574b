package io.linkscout.cli;

import io.linkscout.nlp.TopicsResponse;
import io.linkscout.nlp.TopicService;
import io.linkscout.nlp.TopicResult;
import io.linkscout.nlp.Topic;
import io.linkscout.nlp.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.linkscout.cli.common.BackendOption;
import io.linkscout.error.UserException;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.IndexTermStatisticsProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topics}: the topics (keyphrases and named entities) LinkScout finds in a piece of content, ranked, with
 * the single terms the ranking uses for its queries. The idf comes from {@code --index} (or the configured index)
 * through the backend {@code --backend}, {@code --opensearch-url}, {@code --index-name} choose (as for {@code ingest}
 * and {@code recommend}: the options, else {@code linkscout.backend} and {@code linkscout.opensearch.*}).
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Show the topics (keyphrases, people, organisations, places) LinkScout finds in your content.")
public class TopicsCommand implements Callable<Integer> {

    public enum Format { table, json }

    @Option(names = "--content", required = true, paramLabel = "FILE",
            description = "The content to analyse (a file; - reads standard input). UTF-8.")
    String content;

    @Option(names = "--title", paramLabel = "TITLE",
            description = "Its title (default: the HTML <title> or first Markdown heading, if any).")
    String title;

    @Option(names = "--type", defaultValue = "auto", paramLabel = "TYPE",
            description = "auto, plain, markdown or html (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N",
            description = "How many topics to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Index whose document frequencies weight the topics (idf); default: the configured index,"
                    + " if any (with --backend opensearch it must exist: the embedded index of the cluster's ingest).")
    Path index;

    @Mixin
    BackendOption backend;

    @Inject
    BackendResolver backends;

    @Inject
    IndexTermStatisticsProvider statistics;

    @Option(names = "--allow-non-english",
            description = "Analyse content that does not look like English (the models are English-only).")
    boolean allowNonEnglish;

    @Inject
    TopicService service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new UserException("--top must be at least 1 (got " + top + ")");
        }
        BackendResolver.Choice chosen = backend.resolve(backends); // a bad --backend before anything is read
        String text = read(content);
        TopicService.Topics t = service.topicsWithStatistics(title, text, ContentType.parse(type), allowNonEnglish,
                () -> statistics.forIndex(index, chosen, chosen.opensearch()), top);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(om.writeValueAsString(TopicsResponse.of(t, top)));
        } else {
            out.print(table(t));
        }
        out.flush();
        return 0;
    }

    static String table(TopicService.Topics t) {
        TopicResult r = t.result();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%4s  %8s  %-12s  %5s  %6s %6s %6s %6s %6s %6s %6s  %s%n", "rank",
                "weight", "kind", "count", "freq", "pos", "title", "spec", "len", "kind", "caps", "topic"));
        int rank = 1;
        for (Topic topic : r.topics()) {
            Topic.Parts p = topic.parts();
            b.append(String.format(Locale.ROOT,
                    "%4d  %8.3f  %-12s  %5d  %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f  %s%n", rank++, topic.weight(),
                    topic.kind(), topic.count(), p.frequency(), p.position(), p.title(), p.specificity(), p.length(),
                    p.kind(), p.allCaps(), topic.phrase()));
        }
        b.append("weight = freq + pos + title + spec + len + kind + caps (parts of the weight; see README"
                + " \"Keyphrase quality\")\n");
        b.append(String.format(Locale.ROOT, "%n%s content, %,d tokens, %,d sentences (NER on the first %,d tokens),"
                        + " %,d ms%s%n", t.content().type().label(), r.tokenCount(), r.sentenceCount(),
                r.nerTokenCount(), r.totalMillis(), t.title() == null ? "" : ", title: " + t.title()));
        return b.toString();
    }

    private static String read(String file) throws IOException {
        byte[] bytes;
        if ("-".equals(file)) {
            try (InputStream in = System.in) {
                bytes = in.readAllBytes();
            }
        } else {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new UserException("--content " + file + " is a folder; give a file (or - for standard input)");
            }
            try {
                bytes = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw new UserException("content file not found: " + file + " (check the path)");
            }
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
