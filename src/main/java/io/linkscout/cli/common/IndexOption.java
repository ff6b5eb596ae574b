package io.linkscout.cli.common;

import io.linkscout.index.IndexLayout;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option shared by commands; defaults to {@code linkscout.index.dir} ({@code index}). */
public class IndexOption {

    @Option(names = "--index", paramLabel = "DIR",
            description = "Index directory (default: linkscout.index.dir, i.e. ./index).")
    Path index;

    public IndexLayout layout() {
        Path p = index;
        if (p == null) {
            p = Path.of(ConfigProvider.getConfig().getOptionalValue("linkscout.index.dir", String.class)
                    .orElse("index"));
        }
        return new IndexLayout(p);
    }
}
