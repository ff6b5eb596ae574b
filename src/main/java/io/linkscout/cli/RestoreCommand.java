package io.linkscout.cli;

import io.linkscout.cli.common.IndexOption;
import io.linkscout.index.IndexBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restore}: replaces the index with a backup (see {@link IndexBackup}). */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the index with a backup made by `backup` (stop `serve` first). The backup is "
                + "copied and checked beside the index before it replaces it.")
public class RestoreCommand implements Callable<Integer> {

    @Mixin
    IndexOption index;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The backup folder.")
    Path from;

    @Override
    public Integer call() throws Exception {
        IndexBackup.Result r = IndexBackup.restore(from, index.layout());
        System.out.printf("restored %s from %s: %d pages%n", r.to(), from, r.pages());
        return 0;
    }
}
