package io.respawn.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code respawn status}: the engine's summary. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a running engine's summary: components by state, groups given up or paused,"
                + " agents connected, the journal.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() {
        EngineClient client = options.client();
        System.out.print(text(client.base().toString(), client.get("/api/status")));
        return 0;
    }

    static String text(String engine, JsonNode status) {
        JsonNode board = status.path("board");
        StringBuilder out = new StringBuilder();
        out.append("engine      ").append(engine).append(", map ").append(board.path("map").asText()).append('\n');
        List<String> counts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> state : board.path("components").properties()) {
            if (state.getValue().asInt() > 0) {
                counts.add(state.getValue().asInt() + " " + state.getKey());
            }
        }
        out.append("components  ").append(counts.isEmpty() ? "none" : String.join(", ", counts)).append('\n');
        out.append("given up    ").append(list(board.path("givenUp")));
        if (board.path("openGiveUps").asInt() > 0) {
            out.append("  (").append(board.path("openGiveUps").asInt()).append(" to acknowledge: respawn ack GROUP)");
        }
        out.append('\n');
        out.append("paused      ").append(list(board.path("paused"))).append('\n');
        out.append("to review   ").append(board.path("dependenciesAwaitingReview").asInt())
                .append(" inferred dependencies\n");
        out.append("agents      ").append(status.path("agentsConnected").asInt()).append(" connected\n");
        JsonNode journal = status.path("journal");
        out.append("journal     ").append(journal.path("file").asText()).append(", ")
                .append(journal.path("bytes").asLong()).append(" bytes, ").append(journal.path("lag").asInt())
                .append(" waiting\n");
        out.append("seen        ").append(board.path("facts").asLong()).append(" facts, ")
                .append(board.path("decisions").asLong()).append(" decisions\n");
        return out.toString();
    }

    private static String list(JsonNode names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
