package io.linkscout.cli;

import io.linkscout.cli.common.BackendOption;
import io.linkscout.cli.common.IndexOption;
import io.linkscout.config.AuthoritySettings;
import io.linkscout.eval.SampleIndex;
import io.linkscout.quality.AuthorityConfig;
import io.linkscout.search.BackendResolver;
import io.linkscout.search.IndexService;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: starts the HTTP API and the web app (port from {@code quarkus.http.port}, default 8080) until
 * stopped. With no index at the configured location it first builds the bundled sample index there, so that a fresh
 * machine opens on the sample (the example articles one click away); an existing index is used as it is.
 * {@code --index} and {@code --backend}, {@code --opensearch-url}, {@code --index-name} (else
 * {@code linkscout.index.dir}, {@code linkscout.backend}, {@code linkscout.opensearch.*}) choose what the API serves.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web app and the HTTP API (REST + OpenAPI at /q/openapi, Swagger UI at /q/swagger-ui)."
                + " With no index yet, the bundled sample index is built first (--no-sample: start empty).")
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @Mixin
    IndexOption index;

    @Mixin
    BackendOption backend;

    @Option(names = "--no-sample", description = "Do not build the sample index when there is no index.")
    boolean noSample;

    @Inject
    AuthoritySettings authority;

    @Inject
    BackendResolver backends;

    @Inject
    IndexService served;

    @Override
    public Integer call() throws Exception {
        BackendResolver.Choice chosen = backend.resolve(backends); // a bad --backend before anything is built
        served.serve(index.layout(), chosen);
        if (!noSample && !index.layout().exists()) {
            SampleIndex.Outcome o = SampleIndex.ensure(index.layout(), AuthorityConfig.of(authority), LOG::info);
            LOG.infof("the sample index is ready at %s (%d pages); ingest your own data into another --index",
                    index.layout().root(), o.built().stats().pages());
        }
        Quarkus.waitForExit();
        return 0;
    }
}
