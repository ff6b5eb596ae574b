package io.linkscout.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening input files: gzip is recognised by its magic bytes, whatever the file is called. */
final class IngestFiles {

    private static final int BUFFER = 1 << 16;

    private IngestFiles() {
    }

    /** The decompressed content of a file (gzip, possibly multi-member, or plain). */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        }
        return in;
    }

    /**
     * A text reader over the decompressed content; malformed bytes become U+FFFD. The encoding comes from the bytes:
     * a {@code FF FE} BOM is UTF-16LE, {@code FE FF} UTF-16BE (as Ahrefs writes its exports), anything else UTF-8;
     * a leading BOM is skipped.
     */
    static BufferedReader reader(Path file) throws IOException {
        return reader(open(file));
    }

    /** {@link #reader(Path)} over a stream that supports {@code mark} (the stream is then owned by the reader). */
    static BufferedReader reader(InputStream in) throws IOException {
        in.mark(3);
        byte[] bom = new byte[3];
        int n = in.readNBytes(bom, 0, 3);
        in.reset();
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 2 && (bom[0] & 0xff) == 0xff && (bom[1] & 0xff) == 0xfe) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && (bom[0] & 0xff) == 0xfe && (bom[1] & 0xff) == 0xff) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf) {
            skip = 3;
        }
        in.skipNBytes(skip);
        return new BufferedReader(new InputStreamReader(in, cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                BUFFER);
    }

    /** True when the file is a zip archive (by its magic bytes {@code PK 03 04}). */
    static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        }
    }

    /** The name used in {@code source} fields: the file name without its folder. */
    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    /**
     * A line longer than {@link IngestLimits#maxLineBytes} characters: it was read past without being kept, and the
     * reader stands at the start of the next line.
     */
    static final class LineTooLong extends IOException {
        LineTooLong(long max) {
            super("line longer than " + max + " characters", null);
        }
    }

    /**
     * The next line (without its {@code \n}, {@code \r\n} or {@code \r}), or {@code null} at the end; never holds
     * more than {@code max} characters.
     *
     * @throws LineTooLong when the line is longer (its rest has been consumed)
     */
    static String line(BufferedReader in, long max) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean over = false;
        boolean any = false;
        int c;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                in.mark(1);
                int d = in.read();
                if (d >= 0 && d != '\n') {
                    in.reset();
                }
                break;
            }
            if (over) {
                continue;
            }
            if (sb.length() >= max) {
                over = true;
                sb = new StringBuilder();
            } else {
                sb.append((char) c);
            }
        }
        if (over) {
            throw new LineTooLong(max);
        }
        return any ? sb.toString() : null;
    }

    /**
     * A reader that fails with {@link LineTooLong} when more than {@code max} characters (plus {@link #SLACK}, the
     * read-ahead of a parser's buffer) pass between two {@link #record()} calls.
     */
    static final class Bounded extends java.io.FilterReader {
        /** More than the CSV parser reads ahead at once. */
        static final long SLACK = 64 * 1024;
        private final long max;
        private long since;

        Bounded(java.io.Reader in, long max) {
            super(in);
            this.max = max;
        }

        /** A record ended: count again from here. */
        void record() {
            since = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && ++since > max + SLACK) {
                throw new LineTooLong(max);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (since += n) > max + SLACK) {
                throw new LineTooLong(max);
            }
            return n;
        }
    }
}
