package io.linkscout.index;

import io.linkscout.ingest.PageRecord;
import io.linkscout.ingest.PageStructure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary on-disk store of the pages read during one ingest, so that page texts need not be held in memory
 * between reading the inputs and writing the index. Records are numbered in write order.
 */
final class PageSpill implements Closeable {

    private final Path file;
    private DataOutputStream out;
    private int count;

    PageSpill(Path file, IngestStorage storage) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(storage.stream(file.getFileName().toString(),
                Files.newOutputStream(file)), 1 << 16));
    }

    /** Appends a page and returns its number. */
    int add(PageRecord p) throws IOException {
        writeString(p.url());
        writeString(p.text());
        writeString(String.join("\n", p.emails()));
        writeString(p.fetchedAt() == null ? "" : p.fetchedAt());
        writeString(p.source() == null ? "" : p.source());
        writeStructure(p.structure());
        return count++;
    }

    /** Structure: -1 when absent; else the heading count, headings, the form count and per form flags and strings. */
    private void writeStructure(PageStructure st) throws IOException {
        if (st == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(st.headings().size());
        for (String h : st.headings()) {
            writeString(h);
        }
        out.writeInt(st.forms().size());
        for (PageStructure.Form f : st.forms()) {
            out.writeByte((f.textarea() ? 1 : 0) | (f.file() ? 2 : 0));
            writeString(f.words());
            writeString(f.action());
        }
    }

    private static PageStructure readStructure(DataInputStream in) throws IOException {
        int nh = in.readInt();
        if (nh < 0) {
            return null;
        }
        List<String> headings = new ArrayList<>(nh);
        for (int i = 0; i < nh; i++) {
            headings.add(readString(in));
        }
        int nf = in.readInt();
        List<PageStructure.Form> forms = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            int flags = in.readByte();
            forms.add(new PageStructure.Form((flags & 1) != 0, (flags & 2) != 0, readString(in), readString(in)));
        }
        return new PageStructure(headings, forms);
    }

    int count() {
        return count;
    }

    /** A spilled page: what the index needs besides title and links (which are kept in memory). */
    record Spilled(int number, String url, String text, List<String> emails, String fetchedAt, String source,
            PageStructure structure) {
    }

    interface Visitor {
        void visit(Spilled s) throws IOException;
    }

    /** Reads every spilled page in order. Closes the writer first. */
    void forEach(Visitor v) throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (int i = 0; i < count; i++) {
                String url = readString(in);
                String text = readString(in);
                String emails = readString(in);
                String fetched = readString(in);
                String source = readString(in);
                PageStructure structure = readStructure(in);
                v.visit(new Spilled(i, url, text, emails.isEmpty() ? List.of() : List.of(emails.split("\n")),
                        fetched.isEmpty() ? null : fetched, source.isEmpty() ? null : source, structure));
            }
        } catch (EOFException e) {
            throw new IOException("staging file " + file + " is truncated", e);
        }
    }

    private void writeString(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        Files.deleteIfExists(file);
    }
}
