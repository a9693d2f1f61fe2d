package io.respawn.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code respawn reload}: the engine reloads its rules and restart map, validated first. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Asks a running engine to reload its rules and restart map from where it loaded them. Both are"
                + " checked first: a bad file is refused with its file:line problems, and what runs stays.")
public final class ReloadCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Option(names = "--as", paramLabel = "NAME", description = "Who asks, for the journal (default: your user name).")
    String operator = System.getProperty("user.name", "operator");

    @Override
    public Integer call() {
        JsonNode reply = options.client().post("/api/reload", operator, "");
        if (reply.path("applied").asBoolean()) {
            System.out.println("reloaded rules " + reply.path("rules").asText() + " and map " + reply.path("map").asText());
            return 0;
        }
        System.err.println("reload refused; what runs stays:");
        reply.path("problems").forEach(p -> System.err.println("  " + p.asText()));
        return 1;
    }
}
