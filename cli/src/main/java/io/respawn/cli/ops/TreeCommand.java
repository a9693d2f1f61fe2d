package io.respawn.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code respawn tree}: the restart tree with every group's and component's state. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Shows a running engine's restart tree: each group's and component's state, node, pid,"
                + " uptime, restarts and last failure.")
public final class TreeCommand implements Callable<Integer> {
    @Mixin
    EngineOptions options;

    @Override
    public Integer call() {
        JsonNode tree = options.client().get("/api/tree");
        if (tree.isNull()) {
            System.out.println("no restart map in force");
        } else {
            System.out.print(text(tree));
        }
        return 0;
    }

    static String text(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        group(out, tree, "", "");
        return out.toString();
    }

    private static void group(StringBuilder out, JsonNode group, String lead, String indent) {
        String flags = (group.path("paused").asBoolean() ? "  [automation paused]" : "")
                + (group.path("givenUp").asBoolean() ? "  [given up: respawn ack " + group.path("name").asText() + "]"
                : "");
        line(out, lead + group.path("name").asText(), group.path("state").asText(),
                restarts(group.path("restarts").asInt()) + flags);
        int total = group.path("components").size() + group.path("groups").size();
        int i = 0;
        for (JsonNode component : group.path("components")) {
            boolean last = ++i == total;
            component(out, component, indent + (last ? "└── " : "├── "), indent + (last ? "    " : "│   "));
        }
        for (JsonNode child : group.path("groups")) {
            boolean last = ++i == total;
            group(out, child, indent + (last ? "└── " : "├── "), indent + (last ? "    " : "│   "));
        }
    }

    private static void component(StringBuilder out, JsonNode c, String lead, String indent) {
        String where = c.path("pid").asLong() > 0
                ? "pid " + c.path("pid").asLong() + " on " + c.path("node").asText() + ", up "
                        + uptime(c.path("uptimeMs").asLong())
                : "on " + c.path("node").asText() + (c.path("lastExit").asText().isEmpty() ? ""
                        : ", last exit " + c.path("lastExit").asText());
        line(out, lead + c.path("name").asText(), c.path("state").asText(),
                where + ", " + restarts(c.path("restarts").asInt()));
        JsonNode failure = c.path("lastFailure");
        if (!failure.isMissingNode() && !failure.isNull()) {
            out.append(indent).append("  last failure ").append(failure.path("at").asText()).append(": ")
                    .append(failure.path("words").asText()).append('\n');
        }
    }

    private static void line(StringBuilder out, String name, String state, String rest) {
        out.append(String.format("%-28s %-11s %s%n", name, state, rest));
    }

    private static String restarts(int n) {
        return n + (n == 1 ? " restart" : " restarts");
    }

    static String uptime(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        } else if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        } else if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "s";
    }
}
