package io.respawn.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system under test as users run it: one engine and one agent per node, each a JVM
 * of its own running the packaged {@code respawn} command, the agents reaching the engine
 * through a {@link TcpProxy}. Every agent keeps a ledger; every file lives in one directory.
 */
final class Cluster implements AutoCloseable {
    static final List<String> KINDS = List.of("sleeper", "graceful", "beater");
    private static final Pattern LISTENING = Pattern.compile("respawn engine listening on \\S*:(\\d+),");
    private static final String STANDING_BY = "respawn engine standing by";
    private static final String SECRET = "fault injection suite secret, long enough";

    private final Path dir;
    private final Path jar;
    private final List<String> nodes;
    private final TcpProxy proxy;
    private final Map<String, Integer> heartbeatPorts = new HashMap<>();
    private final Map<String, Process> agents = new HashMap<>();
    private final Map<String, Integer> runs = new HashMap<>();
    private final boolean engineHasHttp;
    private final List<Long> engineStartMs = new ArrayList<>();
    private final List<Long> takeOverMs = new ArrayList<>();
    private Process engine;
    private Process standby;
    private Path standbyOut;
    private int engineRuns;

    Cluster(Path dir, Path jar, List<String> nodes) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.jar = jar;
        this.nodes = List.copyOf(nodes);
        this.proxy = new TcpProxy();
        Files.writeString(dir.resolve("secret"), SECRET);
        Files.writeString(dir.resolve("map.yaml"), map());
        for (String node : nodes) {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                heartbeatPorts.put(node, socket.getLocalPort());
            }
        }
        this.engineHasHttp = help("engine").contains("--http");
    }

    List<String> nodes() {
        return nodes;
    }

    TcpProxy proxy() {
        return proxy;
    }

    Path journal() {
        return dir.resolve("journal.jsonl");
    }

    Path ledger(String node) {
        return dir.resolve("ledger-" + node + ".jsonl");
    }

    int heartbeatPort(String node) {
        return heartbeatPorts.get(node);
    }

    static String component(String node, String kind) {
        return node + "-" + kind;
    }

    /** A restart is ready (and, with a cure window of 0, cured) once its component has run this long. */
    static final long STARTUP_GRACE_MS = 3_000;

    /**
     * The map: per node a plain process, one that stops on SIGTERM, and one that sends
     * heartbeats; a group each. The policy is one restart per failure: no escalation (cure
     * window 0, an intensity never reached; a component is failed again only once its startup
     * grace is over, see the suite) and no dependency inference (it would restart components
     * that did not fail), and no blaming of the common parent when several fail at once (it would
     * restart the root, and a failure before that restart is ready gives up); those rules have
     * scenarios of their own.
     */
    private String map() {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults: {stopGrace: 1s, startupGrace: 3s, cureWindow: 0ms, intensity: {restarts: 1000000, period: 1s}}
                dependencyInference: {window: 1ms, occurrences: 1000000}
                massFailure: none
                root:
                  group: all
                  children:
                """);
        for (String node : nodes) {
            yaml.append(group(node, "sleeper", "[sleep, \"100000\"]", ""));
            yaml.append(group(node, "graceful",
                    "[bash, -c, 'trap \"exit 0\" TERM; while :; do sleep 0.2; done']", ""));
            yaml.append(group(node, "beater", "[bash, -c, 'n=0; while :; do n=$((n+1)); printf \"HB1 %s %s:%s OK %s %s\\n\""
                    + " \"$RESPAWN_COMPONENT\" \"$RESPAWN_NODE\" \"$$\" \"$n\" \"$RESPAWN_HEARTBEAT_TOKEN\""
                    + " > /dev/udp/127.0.0.1/$RESPAWN_HEARTBEAT_PORT 2>/dev/null; sleep 0.2; done']",
                    "\n          heartbeat: {interval: 200ms, timeout: 3s}"));
        }
        return yaml.toString();
    }

    private static String group(String node, String kind, String command, String extra) {
        return """
                    - group: g-%s
                      children:
                        - component: %s
                          node: %s
                          command: %s%s
                """.formatted(component(node, kind), component(node, kind), node, command, extra);
    }

    // ---- the engine ----

    /** Starts the engine on the journal and waits until it listens; the proxy then leads there. */
    void startEngine() throws IOException {
        long began = System.nanoTime();
        Path out = dir.resolve("engine-" + (++engineRuns) + ".out");
        engine = launchEngine(out);
        proxy.target(awaitListening(engine, out));
        engineStartMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /**
     * Starts a second engine with {@code --standby} on the journal and waits until it stands
     * by (its rehearsal done, waiting for the journal's lock); it must not listen yet.
     */
    void startStandby() throws IOException {
        standbyOut = dir.resolve("engine-" + (++engineRuns) + "-standby.out");
        standby = launchEngine(standbyOut, "--standby");
        Process process = standby;
        Path out = standbyOut;
        awaitValue("standby ready (" + out + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("standby exited with " + process.exitValue() + ": see " + out);
            }
            return read(out).contains(STANDING_BY) ? Optional.of(true) : Optional.empty();
        });
        if (LISTENING.matcher(read(out)).find()) {
            throw new AssertionError("the standby listens while the engine holds the journal: see " + out);
        }
    }

    /** After the engine died: waits until the standby listens, and leads the proxy there. */
    void awaitTakeOver() {
        long began = System.nanoTime();
        engine = standby;
        standby = null;
        proxy.target(awaitListening(engine, standbyOut));
        takeOverMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /** How long each engine start took, JVM and rules included, until it listened. */
    List<Long> engineStartMs() {
        return engineStartMs;
    }

    /** How long each standby took, from the engine's death, until it listened. */
    List<Long> takeOverMs() {
        return takeOverMs;
    }

    private Process launchEngine(Path out, String... extra) throws IOException {
        List<String> command = new ArrayList<>(java("-Xmx384m"));
        command.addAll(List.of("engine", "--map", "map.yaml", "--journal", journal().toString(), "--listen",
                "127.0.0.1:0", "--secret-file", "secret"));
        if (engineHasHttp) {
            command.addAll(List.of("--http", "127.0.0.1:0"));
        }
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("RESPAWN_LOG_LEVEL", "INFO");
        return builder.start();
    }

    private static int awaitListening(Process process, Path out) {
        return awaitValue("engine listening (" + out + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine exited with " + process.exitValue() + ": see " + out);
            }
            Matcher m = LISTENING.matcher(read(out));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        });
    }

    void killEngine() throws InterruptedException {
        engine.destroyForcibly();
        if (!engine.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("engine did not die of SIGKILL within 10s");
        }
    }

    /** Appends the first part of a fact line with no newline: the engine died while writing it. */
    void tearJournal(int bytes) throws IOException {
        String line = "{\"type\":\"process-exited\",\"id\":\"torn/0/1\",\"at\":\"2026-11-27T10:00:00.000Z\","
                + "\"component\":\"torn\",\"node\":\"torn\",\"pid\":1,\"signal\":9,\"expected\":false}";
        Files.writeString(journal(), line.substring(0, Math.max(1, Math.min(bytes, line.length() - 1))),
                StandardOpenOption.APPEND);
    }

    // ---- the agents ----

    void startAgent(String node) throws IOException {
        int run = runs.merge(node, 1, Integer::sum);
        List<String> command = new ArrayList<>(java("-Xmx160m"));
        command.addAll(List.of("agent", "--map", "map.yaml", "--node", node, "--engine", "127.0.0.1:" + proxy.port(),
                "--secret-file", "secret", "--log-dir", "logs", "--state-dir", "state", "--ledger",
                ledger(node).toString(), "--heartbeats", "127.0.0.1:" + heartbeatPorts.get(node), "--table",
                "127.0.0.1:0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent-" + node + "-" + run + ".out").toFile());
        builder.environment().put("RESPAWN_LOG_LEVEL", "INFO");
        Process agent = builder.start();
        agents.put(node, agent);
    }

    void killAgent(String node) throws InterruptedException {
        Process agent = agents.get(node);
        agent.destroyForcibly();
        if (!agent.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("agent " + node + " did not die of SIGKILL within 10s");
        }
    }

    boolean agentAlive(String node) {
        return agents.get(node).isAlive();
    }

    /** The agent's state file, if it has written one. */
    Optional<JsonNode> state(String node) {
        Path file = dir.resolve("state").resolve(node + ".state.json");
        try {
            return Files.exists(file) ? Optional.of(JsonLines.JSON.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();       // replaced while read: the next poll sees the new one
        }
    }

    /** The latest start among the node's running components, by its state file (epoch millis); 0 if none. */
    long latestStartMillis(String node) {
        long[] latest = {0};
        state(node).ifPresent(state -> state.path("components").forEach(
                entry -> latest[0] = Math.max(latest[0], entry.path("startedAtMillis").asLong())));
        return latest[0];
    }

    /** The components of the node that run now, by the agent's state file: name -> pid. */
    Map<String, Long> running(String node) {
        Map<String, Long> pids = new LinkedHashMap<>();
        state(node).ifPresent(state -> state.path("components").forEach(
                entry -> pids.put(entry.path("component").asText(), entry.path("pid").asLong())));
        return pids;
    }

    /** SIGKILL to one component's main process; false if it does not run now. */
    boolean killComponent(String node, String component) {
        Long pid = running(node).get(component);
        if (pid == null || !alive(pid)) {
            return false;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops the agents (SIGTERM: they stop their components) and the engine; kills whatever is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Process agent : agents.values()) {
            agent.destroy();
        }
        for (Process agent : agents.values()) {
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        for (Process process : java.util.Arrays.asList(engine, standby)) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        proxy.close();
        for (String node : nodes) {
            killCarrying("RESPAWN_NODE=" + node);
        }
    }

    private static void killCarrying(String entry) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : dirs) {
                try {
                    String environ = "\0" + new String(Files.readAllBytes(proc.resolve("environ")),
                            StandardCharsets.ISO_8859_1) + "\0";
                    if (environ.contains("\0" + entry + "\0")) {
                        ProcessHandle.of(Long.parseLong(proc.getFileName().toString()))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        }
    }

    private List<String> java(String heap) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", heap, "-jar", jar.toString());
    }

    private String help(String subcommand) throws IOException, InterruptedException {
        Process help = new ProcessBuilder(concat(java("-Xmx64m"), subcommand, "--help")).redirectErrorStream(true)
                .start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        help.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls {@code probe} every 10 ms until it yields a value or {@code limit} passes. */
    static <T> T awaitValue(String what, Duration limit, java.util.function.Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " - not within " + limit.toSeconds() + "s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
