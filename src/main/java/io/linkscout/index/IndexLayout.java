package io.linkscout.index;

import io.linkscout.error.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Where an index lives on disk: {@code DIR/lucene/} holds the Lucene index, {@code DIR/graph/} the link
 * graphs ({@code pages-N.lsg}, {@code domains-N.lsg}). The Lucene commit's user data names the graph files
 * that belong to it, so the graphs switch atomically with the commit; files no commit names are leftovers of
 * an interrupted ingest and are removed by the next one.
 */
public record IndexLayout(Path root) {

    public static final String PAGE_GRAPH = "linkscout.graph.pages";
    public static final String DOMAIN_GRAPH = "linkscout.graph.domains";

    public IndexLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path lucene() {
        return root.resolve("lucene");
    }

    public Path graphDir() {
        return root.resolve("graph");
    }

    /** True when a committed LinkScout index exists here. */
    public boolean exists() {
        Path l = lucene();
        if (!Files.isDirectory(l)) {
            return false;
        }
        try (Directory d = FSDirectory.open(l)) {
            return DirectoryReader.indexExists(d);
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a {@link UserException} that says how to create the index when none exists. */
    public void requireExists() {
        if (!exists()) {
            throw new UserException("no LinkScout index at " + root
                    + " (create one with: ingest --index " + root + " FILE...; or run `demo` for the bundled sample)",
                    404);
        }
    }

    /** User data of the latest commit, or an empty map. */
    static Map<String, String> userData(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return Map.of();
        }
        IndexCommit c = DirectoryReader.listCommits(dir).getLast();
        return c.getUserData();
    }
}
