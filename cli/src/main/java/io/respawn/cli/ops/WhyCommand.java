package io.respawn.cli.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code respawn why COMPONENT}: the last decision about a component, its rule and evidence, in plain words. */
@Command(name = "why", mixinStandardHelpOptions = true,
        description = "Says, in plain words, the last decision a running engine made about a component: what it"
                + " did, the rule that decided it, and the facts that matched.")
public final class WhyCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Parameters(paramLabel = "COMPONENT", description = "A component of the restart map.")
    String component;

    @Override
    public Integer call() {
        EngineClient client = options.client();
        System.out.print(client.get("/api/components/" + EngineClient.segment(component) + "/why").path("words").asText());
        return 0;
    }
}
