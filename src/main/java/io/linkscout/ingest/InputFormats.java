package io.linkscout.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscout.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Recognises input formats and reads lists of input files and folders. */
public final class InputFormats {

    /** The input formats. */
    public enum Format {
        /** Pages as JSON Lines. */
        PAGES,
        /** WARC, ARC, WAT or WET web archives. */
        WARC,
        /** Site catalog, CSV or JSON Lines. */
        CATALOG,
        /** Authority list: Majestic Million, Moz top 500 or merged CSV. */
        AUTHORITY,
        /** A backlink tool's export: Ahrefs, Semrush, Majestic, Search Console (see {@link ToolExports}). */
        EXPORT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFormats() {
    }

    /**
     * Detects a file's format: {@code .warc .arc .wat .wet} (optionally {@code .gz}) or content starting with
     * {@code WARC/} or {@code filedesc://} -> WARC; JSON Lines whose first object has {@code text}, {@code html} or
     * {@code links} -> PAGES, else one with {@code domain}, {@code name}, {@code topic}, {@code description},
     * {@code url} or {@code host} -> CATALOG; CSV with a Majestic, Moz or merged authority header -> AUTHORITY, else
     * one with a {@code domain url host site website} column -> CATALOG.
     *
     * @throws UserException when the file cannot be classified (the message names the file and how to force a format)
     */
    public static Format detect(Path file) throws IOException {
        return detect(file, IngestLimits.DEFAULTS);
    }

    /** As {@link #detect(Path)}; a first line longer than {@link IngestLimits#maxLineBytes} cannot be told. */
    public static Format detect(Path file, IngestLimits limits) throws IOException {
        String lower = IngestFiles.name(file).toLowerCase(Locale.ROOT);
        String base = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        if (base.endsWith(".warc") || base.endsWith(".arc") || base.endsWith(".wat") || base.endsWith(".wet")) {
            return Format.WARC;
        }
        byte[] head;
        try (InputStream in = IngestFiles.open(file)) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        if (start.matches("(?s)WARC/\\d.*") || start.startsWith("filedesc://")) {
            return Format.WARC;
        }
        String first = null;
        long lineNo = 0;
        try (BufferedReader in = IngestFiles.reader(file)) {
            String line;
            while ((line = IngestFiles.line(in, limits.maxLineBytes())) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    first = line.strip();
                    break;
                }
            }
        } catch (IngestFiles.LineTooLong e) {
            throw new UserException(file + ":" + (lineNo + 1) + ": the first " + e.getMessage() + ": cannot tell the"
                    + " input format; force it with --format (a pages file then skips its over-long lines), or raise "
                    + IngestLimits.LINE_BYTES_KEY);
        }
        if (first != null && first.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(first);
                if (n != null && n.isObject()) {
                    if (n.has("text") || n.has("html") || n.has("links")) {
                        return Format.PAGES;
                    }
                    for (String f : List.of("domain", "name", "topic", "description", "url", "host", "website")) {
                        if (n.has(f)) {
                            return Format.CATALOG;
                        }
                    }
                }
            } catch (IOException e) {
                // not JSON: fall through to the error
            }
        } else if (first != null) {
            if (ToolExports.detect(CsvRows.rawHeader(first)) != null) {
                return Format.EXPORT;
            }
            List<String> header = CsvRows.header(first);
            if (AuthorityListReader.kind(header) != null) {
                return Format.AUTHORITY;
            }
            for (String c : List.of("domain", "url", "host", "site", "website")) {
                if (header.contains(c)) {
                    return Format.CATALOG;
                }
            }
        }
        throw new UserException("Cannot tell the input format of " + file + (first == null ? " (it is empty)"
                : " (first line: " + abbreviate(first) + ")")
                + ". Expected JSON Lines pages ({\"url\", \"text\"|\"html\"|\"links\"}), a site catalog (CSV or "
                + "JSON Lines with a domain or url column), an authority list (Majestic Million, Moz top 500 or "
                + "domain,majestic_*,moz_* CSV), a backlink export (Ahrefs, Semrush, Majestic, Search Console) or "
                + "a WARC/ARC/WAT/WET file. Force the format with --format pages|warc|catalog|authority|export.");
    }

    /** The reader for a format. */
    public static InputReader readerFor(Format format) {
        return readerFor(format, null);
    }

    /**
     * The reader for a format.
     *
     * @param target the site backlink exports without a target column are about (see {@link ToolExportReader}),
     *               or {@code null}
     */
    public static InputReader readerFor(Format format, String target) {
        return readerFor(format, target, IngestLimits.DEFAULTS);
    }

    /** The reader for a format, with the {@code linkscout.ingest.*} limits. */
    public static InputReader readerFor(Format format, String target, IngestLimits limits) {
        return switch (format) {
            case PAGES -> new JsonlPageReader(limits);
            case WARC -> new WarcInputReader();
            case CATALOG -> new CatalogReader(limits);
            case AUTHORITY -> new AuthorityListReader(limits);
            case EXPORT -> new ToolExportReader(target, limits);
        };
    }

    /**
     * Reads every input: files, and folders (every regular, non-hidden file inside, recursively, in sorted order).
     * A file whose format cannot be detected, or that cannot be read, becomes a problem naming it; the other files
     * are still read. Calls {@link IngestReport#fileDone} for every file read.
     *
     * @param forced the format of every input, or {@code null} to detect each file's
     * @throws UserException when an input does not exist
     */
    public static void readAll(List<Path> inputs, Format forced, IngestSink sink, IngestReport report) {
        readAll(inputs, forced, null, sink, report);
    }

    /**
     * {@link #readAll(List, Format, IngestSink, IngestReport)}, with the site backlink exports without a target
     * column are about ({@code ingest --target}). A {@code .zip} (as Search Console and the backlink tools deliver
     * their exports) is read entry by entry, each named {@code archive.zip!entry} in problems.
     */
    public static void readAll(List<Path> inputs, Format forced, String target, IngestSink sink,
            IngestReport report) {
        readAll(inputs, forced, target, IngestLimits.DEFAULTS, sink, report);
    }

    /** {@link #readAll(List, Format, String, IngestSink, IngestReport)} with the {@code linkscout.ingest.*} limits. */
    public static void readAll(List<Path> inputs, Format forced, String target, IngestLimits limits, IngestSink sink,
            IngestReport report) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> !IngestFiles.name(f).startsWith("."))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    report.problem(p.toString(), "", "", "cannot list the folder: " + e.getMessage(), null);
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new UserException("Input not found: " + p + " (give a file or folder that exists)", 404);
            }
        }
        for (Path f : files) {
            long[] count = new long[1];
            IngestSink counting = new IngestSink() {
                @Override
                public void page(PageRecord page) {
                    count[0]++;
                    sink.page(page);
                }

                @Override
                public void site(SiteRecord site) {
                    count[0]++;
                    sink.site(site);
                }

                @Override
                public void authority(AuthorityRecord authority) {
                    count[0]++;
                    sink.authority(authority);
                }

                @Override
                public void exportLink(ExportLink link) {
                    count[0]++;
                    sink.exportLink(link);
                }
            };
            try {
                if (IngestFiles.isZip(f)) {
                    readZip(f, forced, target, limits, sink, report);
                    continue;
                }
                Format format = forced != null ? forced : detect(f, limits);
                readerFor(format, target, limits).read(f, counting, report);
            } catch (UserException e) {
                report.problem(f.toString(), "", "", e.getMessage(), null);
            } catch (IOException e) {
                report.problem(f.toString(), "", "", "cannot read the file: " + e.getMessage(),
                        "check that it is complete and in the expected format");
            } catch (RuntimeException e) {
                report.problem(f.toString(), "", "", "cannot read the file: " + e,
                        "check that it is complete and in the expected format");
            }
            report.fileDone(f.toString(), count[0]);
        }
    }

    /** Reads every file of a zip archive (extracted one at a time to a temporary file), sorted by entry name. */
    private static void readZip(Path zip, Format forced, String target, IngestLimits limits, IngestSink sink,
            IngestReport report) throws IOException {
        Path tmp = Files.createTempDirectory("linkscout-zip");
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            List<? extends java.util.zip.ZipEntry> entries = z.stream().filter(e -> !e.isDirectory())
                    .filter(e -> !IngestFiles.name(Path.of(e.getName().replace('\\', '/'))).startsWith("."))
                    .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName)).toList();
            int n = 0;
            for (java.util.zip.ZipEntry e : entries) {
                String base = IngestFiles.name(Path.of(e.getName().replace('\\', '/')));
                Path f = Files.createDirectory(tmp.resolve(String.valueOf(n++))).resolve(base);
                String entry = zip + "!" + e.getName();
                try (InputStream in = z.getInputStream(e); OutputStream out = Files.newOutputStream(f)) {
                    in.transferTo(new CappedOutput(out, limits.maxZipEntryBytes()));
                } catch (CappedOutput.Full full) {
                    Files.deleteIfExists(f);
                    report.problem(entry, "", "", "larger than " + limits.maxZipEntryBytes() + " bytes unpacked: not"
                            + " read", "unpack it yourself and ingest the file, or raise " + IngestLimits.ZIP_ENTRY_KEY);
                    continue;
                }
                if (IngestFiles.isZip(f)) {
                    Files.delete(f);
                    report.problem(entry, "", "", "a zip inside a zip is not opened", "unpack the outer zip and"
                            + " ingest the inner one");
                    continue;
                }
                report.alias(f.toString(), entry);
                readAll(List.of(f), forced, target, limits, sink, report);
                Files.delete(f);
            }
        } finally {
            org.apache.lucene.util.IOUtils.rm(tmp);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Passes bytes on until {@code max} have passed, then fails with {@link Full} (a zip entry's unpacking). */
    private static final class CappedOutput extends java.io.FilterOutputStream {
        static final class Full extends IOException {
            Full() {
                super("full", null);
            }
        }

        private long left;

        CappedOutput(OutputStream out, long max) {
            super(out);
            this.left = max;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new Full();
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            left -= len;
            if (left < 0) {
                throw new Full();
            }
            out.write(b, off, len);
        }
    }
}
