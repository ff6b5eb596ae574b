package io.linkscout.cli.common;

import io.linkscout.index.IndexLayout;
import java.nio.file.Path;
import io.linkscout.config.IndexSettings;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option shared by commands; defaults to {@code linkscout.index.dir} ({@code index}). */
public class IndexOption {

    @Option(names = "--index", paramLabel = "DIR",
            description = "Index directory (default: linkscout.index.dir, i.e. ./index).")
    Path index;

    /**
     * Fills in the default of {@code --index} from {@code linkscout.index.dir}: the picocli default-value provider
     * ({@code io.linkscout.cli.CommandLineSetup}) calls this for every option, and answers for this one alone.
     */
    public static String defaultValue(picocli.CommandLine.Model.ArgSpec arg, IndexSettings settings) {
        return arg.userObject() instanceof java.lang.reflect.Field f && f.getDeclaringClass() == IndexOption.class
                ? settings.dir() : null;
    }

    public IndexLayout layout() {
        return new IndexLayout(index == null ? Path.of("index") : index);
    }
}
