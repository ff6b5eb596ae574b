package io.linkscout.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.linkscout.graph.LinkGraph;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The TrustRank seed set, {@code models/trust-seeds.txt} (bundled): one registrable domain per line, {@code #}
 * comments, and its fallback tier {@code models/trust-seeds-fallback.txt}. How both are chosen:
 * {@code models/make_trust_seeds.py} and the README. {@link #effective} picks the seeds of an index.
 */
public final class TrustSeeds {

    public static final String BUNDLED = "models/trust-seeds.txt";
    public static final String BUNDLED_FALLBACK = "models/trust-seeds-fallback.txt";
    private static volatile List<String> bundled;
    private static volatile List<String> bundledFallback;

    private TrustSeeds() {
    }

    public static List<String> bundled() {
        List<String> s = bundled;
        if (s == null) {
            s = load(BUNDLED);
            bundled = s;
        }
        return s;
    }

    /** The fallback tier, used only when no seed of {@link #bundled()} links out in the index. */
    public static List<String> bundledFallback() {
        List<String> s = bundledFallback;
        if (s == null) {
            s = load(BUNDLED_FALLBACK);
            bundledFallback = s;
        }
        return s;
    }

    private static List<String> load(String resource) {
        try (InputStream in = TrustSeeds.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seeds TrustRank starts from on domain graph {@code g}: {@code seeds} when at least one of them links out
     * in {@code g} (trust flows only along a seed's out-links, so a seed that is only linked to passes nothing);
     * otherwise {@code seeds} and {@code fallback} together. Sorted, without duplicates.
     */
    public static List<String> effective(LinkGraph g, Collection<String> seeds, Collection<String> fallback) {
        TreeSet<String> out = new TreeSet<>(seeds);
        if (linkingOut(g, seeds) == 0) {
            out.addAll(fallback);
        }
        return List.copyOf(out);
    }

    /** How many of {@code seeds} are nodes of {@code g} with at least one out-link. */
    public static int linkingOut(LinkGraph g, Collection<String> seeds) {
        int k = 0;
        for (String s : new TreeSet<>(seeds)) {
            int node = g.node(s);
            if (node >= 0 && g.outDegree(node) > 0) {
                k++;
            }
        }
        return k;
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
