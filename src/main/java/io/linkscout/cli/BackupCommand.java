package io.linkscout.cli;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.index.IndexBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backup}: a consistent copy of the index's last commit (see {@link IndexBackup}). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the index's last commit (Lucene files and graphs) into a new folder, consistently, while "
                + "it is being served; ingests wait meanwhile. The copy is a complete index folder.")
public class BackupCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new (or empty) folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        IndexBackup.Result r = IndexBackup.backup(index.layout(), out);
        System.out.printf("backed up %s to %s: %d files, %d bytes, %d pages%n", index.layout().root(), r.to(),
                r.files(), r.bytes(), r.pages());
        return 0;
    }
}
