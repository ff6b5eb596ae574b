package io.linkscout.crawl;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes every response the crawler reads (pages, redirects, error pages, robots.txt, sitemaps) as a WARC
 * {@code request} + {@code response} pair with jwarc, gzip-compressed per record, to
 * {@code DIR/linkscout-<UTC time>-<n>.warc.gz} (a new file per run, and every {@value #ROTATE_BYTES} bytes). The
 * payload is stored as received after HTTP decoding: its {@code Content-Encoding} is removed (gzip/deflate are
 * decoded by the client), {@code Content-Length} is that of the stored payload. Bodies the crawler did not read
 * (non-HTML pages, responses over {@code --max-bytes}) are not written. Each record is flushed as it is written,
 * so a killed crawl leaves at most a truncated last record, which {@code ingest} reports and skips.
 */
final class WarcOutput implements Closeable {

    static final long ROTATE_BYTES = 512L << 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String stamp = STAMP.format(java.time.Instant.now());
    private int seq;
    private FileChannel channel;
    private WarcWriter writer;
    private long records;

    WarcOutput(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    synchronized void write(HttpFetcher.Response r, String userAgent) throws IOException {
        if (writer == null || channel.position() > ROTATE_BYTES) {
            openNext();
        }
        URI uri = URI.create(r.url());
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        HttpRequest httpReq = new HttpRequest.Builder("GET", target)
                .addHeader("Host", uri.getRawAuthority())
                .addHeader("User-Agent", userAgent)
                .addHeader("Accept-Encoding", "gzip, x-gzip, deflate")
                .build();
        WarcRequest.Builder rq = new WarcRequest.Builder(uri).date(r.date()).body(httpReq);
        if (r.ip() != null) {
            rq.ipAddress(r.ip());
        }
        WarcRequest req = rq.build();
        HttpResponse.Builder hb = new HttpResponse.Builder(r.status(),
                r.reason() == null || r.reason().isEmpty() ? "-" : r.reason());
        for (String[] h : r.headers()) {
            String n = h[0].toLowerCase(Locale.ROOT);
            if (!n.equals("content-length") && !n.equals("transfer-encoding") && !n.equals("content-encoding")
                    && !n.equals("content-type")) {
                hb.addHeader(h[0], h[1]);
            }
        }
        MediaType type;
        try {
            type = r.contentType().isEmpty() ? MediaType.OCTET_STREAM : MediaType.parse(r.contentType());
        } catch (IllegalArgumentException e) {
            type = MediaType.OCTET_STREAM;
        }
        hb.body(type, r.body());
        WarcResponse.Builder rs = new WarcResponse.Builder(uri).date(r.date()).body(hb.build())
                .concurrentTo(req.id());
        if (r.ip() != null) {
            rs.ipAddress(r.ip());
        }
        writer.write(req);
        writer.write(rs.build());
        channel.force(false);
        records += 2;
    }

    private void openNext() throws IOException {
        close();
        Path f = dir.resolve(String.format(Locale.ROOT, "linkscout-%s-%05d.warc.gz", stamp, seq++));
        channel = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writer = new WarcWriter(channel, WarcCompression.GZIP);
    }

    synchronized long records() {
        return records;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
