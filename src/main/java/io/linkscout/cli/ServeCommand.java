package io.linkscout.cli;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

/** {@code serve}: starts the HTTP API (port from {@code quarkus.http.port}, default 8080) until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP API (REST + OpenAPI at /q/openapi, Swagger UI at /q/swagger-ui).")
public class ServeCommand implements Runnable {

    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
