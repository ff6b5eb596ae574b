package io.linkscout.api;

import io.linkscout.index.IndexLayout;
import io.linkscout.index.LinkScoutIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The index the HTTP API serves ({@code linkscout.index.dir}). Opened on first use; a newer commit (for example
 * from an {@code ingest} run while the server is up) is picked up on the next request. The previous generation is
 * closed one swap later, so a request still using it is not cut off.
 */
@ApplicationScoped
public class IndexService {

    @ConfigProperty(name = "linkscout.index.dir", defaultValue = "index")
    String indexDir;

    private LinkScoutIndex current;
    private LinkScoutIndex previous;

    public IndexLayout layout() {
        return new IndexLayout(Path.of(indexDir));
    }

    /** The latest committed index; a {@link io.linkscout.error.UserException} (404) when there is none. */
    public synchronized LinkScoutIndex current() {
        try {
            if (current == null) {
                current = LinkScoutIndex.open(layout());
            } else {
                DirectoryReader changed = DirectoryReader.openIfChanged(current.reader());
                if (changed != null) {
                    changed.close();
                    if (previous != null) {
                        previous.close();
                    }
                    previous = current;
                    current = LinkScoutIndex.open(layout());
                }
            }
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (previous != null) {
            previous.close();
        }
        if (current != null) {
            current.close();
        }
    }
}
