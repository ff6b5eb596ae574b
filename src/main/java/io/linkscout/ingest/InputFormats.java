package io.linkscout.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.url.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** TEMPORARY stand-in (JSONL pages only) until the full readers land. */
public final class InputFormats {

    public enum Format { PAGES, WARC, CATALOG, AUTHORITY }

    private InputFormats() {
    }

    public static void readAll(List<Path> inputs, Format forced, IngestSink sink, IngestReport report)
            throws IOException {
        ObjectMapper om = new ObjectMapper();
        for (Path p : inputs) {
            InputStream in = Files.newInputStream(p);
            if (p.toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    JsonNode j = om.readTree(line);
                    String url = UrlNormalizer.normalize(j.path("url").asText());
                    List<Link> links = new ArrayList<>();
                    for (JsonNode l : j.path("links")) {
                        String u = UrlNormalizer.normalize(url, l.path("url").asText());
                        if (u != null) {
                            links.add(new Link(u, l.path("anchor").asText(""), l.path("rel").asText("")));
                        }
                    }
                    sink.page(new PageRecord(url, j.path("title").asText(""), j.path("text").asText(""), links,
                            List.of(), null, p.getFileName() + ":" + n));
                    report.pageRead();
                }
                report.fileDone(p.toString(), n);
            }
        }
    }
}
