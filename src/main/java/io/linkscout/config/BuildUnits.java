package io.linkscout.config;

import io.linkscout.error.UserException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the separately built units of LinkScout are ({@code src/spark} → {@code target/spark/}, {@code src/opensearch}
 * → {@code target/opensearch/}): each runs in a child JVM with its own classpath, found from a configured directory
 * or beside the application.
 */
public final class BuildUnits {

    private BuildUnits() {
    }

    /**
     * The built unit: {@code configured} when given (a {@link UserException} saying {@code badConfigured} when it
     * holds no {@code jar}), else the first directory named {@code dir} holding {@code jar} in the working
     * directory's {@code target/} or beside the application's own jar or classes (the packaged app in
     * {@code target/quarkus-app/} and the tests in {@code target/classes} both find {@code target/DIR/}); a
     * {@link UserException} saying {@code notBuilt} when there is none.
     */
    public static Path locate(String configured, String dir, String jar, String badConfigured, String notBuilt) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p.resolve(jar))) {
                throw new UserException(badConfigured);
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("target", dir));
        try {
            Path code = Path.of(BuildUnits.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null && candidates.size() < 8; p = p.getParent()) {
                candidates.add(p.resolve(dir));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only the working directory is searched
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(jar))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new UserException(notBuilt);
    }
}
