package io.linkscout.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import io.linkscout.ingest.JsonLines;
import io.linkscout.ingest.PageRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The crawl's durable state: an append-only JSON-lines file {@code STATE/crawl-log.jsonl}, one event per line,
 * each written and fsynced before the crawler goes on. It is the frontier's durable form: replaying it gives
 * every site's robots rules, sitemap URLs, fetched URLs, request count and page records, and the frontier is
 * rebuilt from the seeds, the sitemap URLs and the links of the fetched pages minus what was fetched. A kill loses
 * at most the fetches in flight (their events were not written yet); a half-written last line is cut off when
 * the log is opened again. {@code STATE/lock} keeps two crawls from sharing a state directory.
 */
final class CrawlLog implements Closeable {

    /** A sitemap entry. */
    record SitemapUrl(String url, String lastmod) {
    }

    /**
     * One event. {@code type}: {@code robots} (origin, status, body), {@code sitemap} (site, url, status,
     * outcome, urls, children = child sitemaps), {@code sitemaps-done} (site), {@code page} (site, url = requested
     * URL, fetched = every URL requested for it including redirect hops, depth, status, outcome, message, page;
     * children = the redirect target still to fetch when the run stopped inside a redirect chain).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String type, String site, String origin, String url, List<String> fetched, Integer depth,
            Integer status, String outcome, String message, String body, List<SitemapUrl> urls,
            List<String> children, PageRecord page) {
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final FileChannel channel;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private CrawlLog(Path file, FileChannel channel, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static Path file(Path stateDir) {
        return stateDir.resolve("crawl-log.jsonl");
    }

    /** Opens (creating) the log for appending, after cutting a half-written last line. */
    static CrawlLog open(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel lc = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = lc.tryLock();
        if (l == null) {
            lc.close();
            throw new UserException("the crawl state " + stateDir + " is in use by another crawl; wait for it to "
                    + "finish or give another --state", 409);
        }
        Path f = file(stateDir);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = ch.size();
        long keep = size;
        if (size > 0) {
            // find the end of the last complete line
            ByteBuffer b = ByteBuffer.allocate(1);
            keep = 0;
            for (long pos = size - 1; pos >= 0; pos--) {
                b.clear();
                ch.read(b, pos);
                if (b.get(0) == '\n') {
                    keep = pos + 1;
                    break;
                }
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
        }
        ch.position(keep);
        return new CrawlLog(f, ch, lc, l);
    }

    /** Reads every complete event of a state directory (none when it has no log). */
    static void replay(Path stateDir, Consumer<Event> to) throws IOException {
        Path f = file(stateDir);
        if (!Files.exists(f)) {
            return;
        }
        JsonLines.forEach(f, (n, line, last) -> {
            Event e;
            try {
                e = JSON.readValue(line, Event.class);
            } catch (IOException ex) {
                // only a last, half-written line can be damaged; anything else is not our file
                if (last.get()) {
                    return; // nothing follows it
                }
                throw new UserException(f + ":" + n + ": not a crawl log line (" + ex.getMessage()
                        + "); give an empty --state directory or the one of an earlier crawl", 422);
            }
            to.accept(e);
        });
    }

    static List<Event> readAll(Path stateDir) throws IOException {
        List<Event> out = new ArrayList<>();
        replay(stateDir, out::add);
        return out;
    }

    synchronized void append(Event e) throws IOException {
        byte[] line = (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        lock.release();
        lockChannel.close();
    }
}
