package io.respawn.cli.ops;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the engine is and where its token comes from: the options every verb shares. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "URL", defaultValue = "http://127.0.0.1:7461",
            description = "The engine's HTTP address (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "respawn-data/http-token",
            description = "File holding the engine's token, for actions (default ${DEFAULT-VALUE}; the"
                    + " RESPAWN_TOKEN environment variable wins when set).")
    Path tokenFile;

    EngineClient client() {
        URI base;
        try {
            base = URI.create(engine.endsWith("/") ? engine.substring(0, engine.length() - 1) : engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine - not an http URL: \"" + engine
                    + "\" (e.g. http://127.0.0.1:7461)", e);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
            throw new IllegalArgumentException("--engine - not an http URL: \"" + engine
                    + "\" (e.g. http://127.0.0.1:7461)");
        }
        return new EngineClient(base, System.getenv("RESPAWN_TOKEN"), tokenFile);
    }
}
