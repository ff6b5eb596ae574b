package io.linkscout.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

    /** A UTF-8 reader over the decompressed content; malformed bytes become U+FFFD. A leading BOM is skipped. */
    static BufferedReader reader(Path file) throws IOException {
        InputStream in = open(file);
        in.mark(3);
        byte[] bom = new byte[3];
        int n = in.readNBytes(bom, 0, 3);
        if (!(n == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
            in.reset();
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                BUFFER);
    }

    /** The name used in {@code source} fields: the file name without its folder. */
    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
