package io.linkscout.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The TrustRank seed set, {@code models/trust-seeds.txt} (bundled): one registrable domain per line, {@code #}
 * comments. How it is chosen: {@code models/make_trust_seeds.py} and the README.
 */
public final class TrustSeeds {

    public static final String BUNDLED = "models/trust-seeds.txt";
    private static volatile List<String> bundled;

    private TrustSeeds() {
    }

    public static List<String> bundled() {
        List<String> s = bundled;
        if (s == null) {
            try (InputStream in = TrustSeeds.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException(BUNDLED + " is missing from the application");
                }
                s = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = s;
        }
        return s;
    }

    public static List<String> parse(List<String> lines) {
        TreeSet<String> out = new TreeSet<>();
        for (String l : lines) {
            String x = l.strip().toLowerCase(Locale.ROOT);
            if (!x.isEmpty() && !x.startsWith("#")) {
                out.add(x);
            }
        }
        return List.copyOf(out);
    }
}
