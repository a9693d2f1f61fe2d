package io.respawn.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator verbs on a restart group: {@code ack}, {@code restart}, {@code pause}, {@code resume}. */
public final class GroupCommands {
    private GroupCommands() {
    }

    /** What every group verb shares: the engine, the group, who asks and why. */
    abstract static class GroupAction implements Callable<Integer> {
        @Mixin
        EngineOptions options;

        @Parameters(paramLabel = "GROUP", description = "A restart group of the map.")
        String group;

        @Option(names = "--as", paramLabel = "NAME", description = "Who asks, for the journal (default: your user name).")
        String operator = System.getProperty("user.name", "operator");

        @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the journal.")
        String note = "";

        private final String verb;
        private final String done;

        /** {@code verb}: the API's action word; {@code done}: what the command says it did. */
        GroupAction(String verb, String done) {
            this.verb = verb;
            this.done = done;
        }

        @Override
        public Integer call() {
            EngineClient client = options.client();
            JsonNode reply = client.post("/api/groups/" + EngineClient.segment(group) + "/" + verb, operator, note);
            System.out.println(done + " " + reply.path("target").asText(group) + " (as " + operator
                    + "); the engine journals it, then acts: see respawn tree");
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Acknowledges a give-up at a group: automatic restarts below it resume.")
    public static final class Ack extends GroupAction {
        public Ack() {
            super("ack", "acknowledged the give-up at");
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restarts a group now, by hand.")
    public static final class Restart extends GroupAction {
        public Restart() {
            super("restart", "asked to restart");
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses automation at a group (a deploy, maintenance): facts are still recorded, no restart"
                    + " is decided below it until resumed.")
    public static final class Pause extends GroupAction {
        public Pause() {
            super("pause", "paused automation at");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes automation at a group.")
    public static final class Resume extends GroupAction {
        public Resume() {
            super("resume", "resumed automation at");
        }
    }
}
