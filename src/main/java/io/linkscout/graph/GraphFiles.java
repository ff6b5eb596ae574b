package io.linkscout.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes a {@link LinkGraph} in LinkScout's compact binary form ({@code .lsg}): the magic
 * {@code LSG1}, node count, edge count, node names (length-prefixed UTF-8), then the offsets, targets,
 * weights and flags arrays. Writes go to a temporary file that is fsynced and atomically renamed, so a reader
 * never sees half a graph.
 */
public final class GraphFiles {

    private static final int MAGIC = 0x4C534731; // "LSG1"

    private GraphFiles() {
    }

    public static void write(LinkGraph g, Path file) throws IOException {
        write(g, file, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #write(LinkGraph, Path)}, the file's stream passed through {@code wrap} (tests: a full disk). */
    public static void write(LinkGraph g, Path file, java.util.function.UnaryOperator<OutputStream> wrap)
            throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream fos = wrap.apply(Files.newOutputStream(tmp));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fos, 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(g.nodeCount());
            out.writeInt((int) g.edgeCount());
            for (String n : g.names()) {
                byte[] b = n.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            for (int o : g.offsets()) {
                out.writeInt(o);
            }
            for (int t : g.targets()) {
                out.writeInt(t);
            }
            for (int w : g.weights()) {
                out.writeInt(w);
            }
            out.write(g.flagsArray());
            out.flush();
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static LinkGraph read(Path file) throws IOException {
        try (InputStream fis = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(fis, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a LinkScout graph file (bad magic)");
            }
            int n = in.readInt();
            int m = in.readInt();
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                names[i] = new String(b, StandardCharsets.UTF_8);
            }
            int[] offsets = readInts(in, n + 1);
            int[] targets = readInts(in, m);
            int[] weights = readInts(in, m);
            byte[] flags = new byte[m];
            in.readFully(flags);
            return new LinkGraph(names, offsets, targets, weights, flags);
        }
    }

    private static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
