package io.linkscout.cli;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.config.IndexSettings;
import io.linkscout.error.UserException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Configures picocli: user errors print one clear message (no stack trace) and exit with code 2; anything
 * unexpected prints its message and exits with code 1 (the stack trace only with {@code -Dlinkscout.debug=true}).
 */
@ApplicationScoped
public class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory, IndexSettings indexSettings) {
        CommandLine cl = factory.create();
        cl.setDefaultValueProvider(arg -> IndexOption.defaultValue(arg, indexSettings));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(ex));
            if (Boolean.getBoolean("linkscout.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ex instanceof UserException u ? u.exitCode() : 1;
        });
        return cl;
    }

    static String describe(Throwable ex) {
        if (ex instanceof UserException) {
            return ex.getMessage();
        }
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException nsf) {
            return "file not found: " + nsf.getFile() + " (check the path)";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (rerun with -Dlinkscout.debug=true for details)";
    }
}
