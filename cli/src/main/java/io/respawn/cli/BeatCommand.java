package io.respawn.cli;

import io.respawn.heartbeat.HeartbeatClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code respawn beat}: a heartbeat from a shell script, through the shipped client. */
@Command(name = "beat", mixinStandardHelpOptions = true,
        description = {"Sends a heartbeat to the local agent, for components written as shell scripts.",
            "Every option defaults to what the agent put in the component's environment, e.g.:",
            "  respawn beat --component backup --every 1s &"})
final class BeatCommand implements Callable<Integer> {
    @Option(names = "--component", description = "The component (default: RESPAWN_COMPONENT).")
    String component;

    @Option(names = "--status", description = "OK, DEGRADED or FAILED (default OK).")
    String status;

    @Option(names = "--every", paramLabel = "DURATION", description = "Keep beating at this interval until killed.")
    String every;

    @Option(names = "--node", description = "The node (default: RESPAWN_NODE).")
    String node;

    @Option(names = "--host", description = "The agent's heartbeat host (default: RESPAWN_HEARTBEAT_HOST).")
    String host;

    @Option(names = "--port", description = "The agent's heartbeat port (default: RESPAWN_HEARTBEAT_PORT).")
    String port;

    @Option(names = "--token", description = "The component's token (default: RESPAWN_HEARTBEAT_TOKEN).")
    String token;

    @Option(names = "--pid", description = "The sender's PID (default: this process).")
    String pid;

    @Option(names = "--seq", description = "The sequence number (default: the time in milliseconds).")
    String seq;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        add(args, "--component", component);
        add(args, "--status", status);
        add(args, "--every", every);
        add(args, "--node", node);
        add(args, "--host", host);
        add(args, "--port", port);
        add(args, "--token", token);
        add(args, "--pid", pid);
        add(args, "--seq", seq);
        return HeartbeatClient.run(args.toArray(String[]::new));
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }
}
