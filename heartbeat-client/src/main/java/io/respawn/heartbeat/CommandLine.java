package io.respawn.heartbeat;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The options of {@link HeartbeatClient#main}; returns the exit status instead of exiting, for tests. */
final class CommandLine {
    private static final List<String> OPTIONS = List.of("--status", "--component", "--node", "--host", "--port",
            "--token", "--pid", "--seq", "--every");
    private static final String USAGE = "usage: HeartbeatClient [--status OK|DEGRADED|FAILED] [--component C]"
            + " [--node N] [--host H] [--port P] [--token T] [--pid P] [--seq N] [--every 1s]";

    private CommandLine() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                err.println(USAGE);
                return 0;
            }
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                err.println("heartbeat - unknown option or missing value: \"" + args[i] + "\"\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[++i]);
        }
        try (HeartbeatClient client = client(options, env)) {
            HeartbeatClient.Status status = HeartbeatClient.Status.valueOf(
                    options.getOrDefault("--status", "OK").toUpperCase(Locale.ROOT));
            if (options.containsKey("--every")) {
                client.status(status);
                return beatForever(client, duration(options.get("--every")));
            }
            client.beat(status);
            return 0;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("heartbeat - " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    private static HeartbeatClient client(Map<String, String> options, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        put(merged, "RESPAWN_COMPONENT", options.get("--component"));
        put(merged, "RESPAWN_NODE", options.get("--node"));
        put(merged, "RESPAWN_HEARTBEAT_HOST", options.get("--host"));
        put(merged, "RESPAWN_HEARTBEAT_PORT", options.get("--port"));
        put(merged, "RESPAWN_HEARTBEAT_TOKEN", options.get("--token"));
        long pid = Long.parseLong(options.getOrDefault("--pid", Long.toString(ProcessHandle.current().pid())));
        long seq = Long.parseLong(options.getOrDefault("--seq", Long.toString(System.currentTimeMillis())));
        return HeartbeatClient.fromEnvironment(merged, pid, seq - 1);
    }

    private static int beatForever(HeartbeatClient client, Duration every) {
        client.startBeating(every);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code 250ms}, {@code 1s}, {@code 1m}. */
    static Duration duration(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--every - bad duration \"" + text + "\" (write e.g. 250ms, 1s, 1m)");
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
