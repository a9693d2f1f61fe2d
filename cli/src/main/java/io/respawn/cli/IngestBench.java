package io.respawn.cli;

import io.respawn.engine.gateway.Gateway;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code respawn bench ingest}: live ingest over the agent protocol. The engine runs here
 * as {@code respawn engine} runs it (journal with its default fsync, default rules, agents
 * on loopback TCP); {@link SimulatedAgents} run in a child JVM. Reports the facts per
 * second the engine journaled and showed to the rules, and the decision latency: an agent
 * sending a process exit until it receives the restart command.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measures live ingest: simulated agents in a child JVM send heartbeats over the agent",
            "protocol at a given rate and now and then a crash; prints the engine's facts/s and the decision",
            "latency (crash sent -> restart command received)."})
final class IngestBench implements Callable<Integer> {
    @Option(names = "--agents", defaultValue = "10", description = "Simulated agents (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--components", defaultValue = "1000",
            description = "Components in all, spread over the agents (default ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--rate", defaultValue = "100000", description = "Facts/s offered in all (default ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--seconds", defaultValue = "20", description = "How long the agents send (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds sent before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--crash-every", defaultValue = "100ms",
            description = {"One unexpected exit this often, from each agent in turn, if its last restart has settled",
                "(default ${DEFAULT-VALUE})."})
    String crashEvery;

    @Option(names = "--keep", description = "Keep the run folder (journal, map) and print where it is.")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        int perAgent = Math.max(1, components / agents);
        Path dir = Files.createTempDirectory("respawn-bench-ingest-");
        try {
            Path map = dir.resolve("map.yaml");
            Files.writeString(map, map(agents, perAgent), StandardCharsets.UTF_8);
            byte[] secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).getBytes(StandardCharsets.US_ASCII);
            Path secretFile = dir.resolve("secret");
            Files.write(secretFile, secret);
            Duration crash = io.respawn.facts.map.Durations.parse(crashEvery);
            try (EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"),
                    RuleBase.load(null), map, new InetSocketAddress("127.0.0.1", 0), secret, Duration.ofSeconds(1))
                    // every simulated agent dials from loopback: one address, more links than the default cap
                    .withMaxConnectionsPerAddress(Math.max(Gateway.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 2 * agents)))) {
                AtomicLong facts = new AtomicLong();
                engine.addFactListener((Observation fact) -> facts.incrementAndGet());
                InetSocketAddress address = engine.address();
                out.printf(Locale.ROOT, "engine on %s:%d; %d agents x %d components, %d facts/s offered for %d s%n",
                        address.getHostString(), address.getPort(), agents, perAgent, rate, seconds);
                out.flush();
                Map<String, String> result = runAgents(address, secretFile, perAgent, crash, facts, out);
                report(result, out);
            }
            return 0;
        } finally {
            if (keep) {
                out.println("run folder: " + dir);
                out.flush();
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Map<String, String> runAgents(InetSocketAddress address, Path secretFile, int perAgent, Duration crash,
                                          AtomicLong facts, PrintWriter out) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SimulatedAgents.class.getName(), address.getHostString() + ":" + address.getPort(),
                secretFile.toString(), Integer.toString(agents), Integer.toString(perAgent), Long.toString(rate),
                Integer.toString(warmup), Integer.toString(seconds), Long.toString(crash.toMillis()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            long began = 0;
            long factsAtStart = 0;
            while ((line = lines.readLine()) != null) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                result.put(line.substring(0, eq), line.substring(eq + 1));
                if (line.startsWith("measuring=")) {
                    began = System.nanoTime();
                    factsAtStart = facts.get();
                } else if (line.startsWith("sent=")) {
                    long ended = System.nanoTime();
                    long journaled = facts.get() - factsAtStart;
                    result.put("engineFactsPerSecond", String.format(Locale.ROOT, "%.0f",
                            journaled / ((ended - began) / 1e9)));
                }
            }
        } finally {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        return result;
    }

    private void report(Map<String, String> result, PrintWriter out) {
        List<Long> latencies = new ArrayList<>();
        String text = result.getOrDefault("latenciesMicros", "");
        for (String value : text.isEmpty() ? new String[0] : text.split(",")) {
            latencies.add(Long.parseLong(value));
        }
        long sent = Long.parseLong(result.getOrDefault("sent", "0"));
        out.printf(Locale.ROOT, "sent %d facts (%.0f/s offered), engine journaled and applied %s facts/s, unacknowledged"
                + " at the end %s%n", sent, sent / (double) seconds, result.get("engineFactsPerSecond"),
                result.get("unacked"));
        if (latencies.isEmpty()) {
            out.println("decision latency: no restart command received");
        } else {
            out.printf(Locale.ROOT, "decision latency (exit sent -> restart command received), n=%d: median %.2f ms,"
                    + " p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies.size(), quantile(latencies, 0.5),
                    quantile(latencies, 0.9), quantile(latencies, 0.99), latencies.get(latencies.size() - 1) / 1000.0);
        }
        out.flush();
    }

    /** Linear interpolation between closest ranks of sorted microseconds, in ms. */
    private static double quantile(List<Long> sorted, double p) {
        double h = (sorted.size() - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return (sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo))) / 1000.0;
    }

    static String node(int index) {
        return "a" + index;
    }

    static String group(int index) {
        return "g" + index;
    }

    static String component(int index, int component) {
        return "a" + index + "c" + component;
    }

    /** The group of the component each agent crashes: it alone, so a restart covers one component. */
    static String crashGroup(int index) {
        return "g" + index + "x";
    }

    /**
     * One group per agent under the root, and in it a group of one for the component the
     * agent crashes (a restart covers just it, as a crash usually does); generous heartbeat
     * timeouts, no escalation on the crash loop.
     */
    static String map(int agents, int perAgent) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults:
                  startupGrace: 5s
                  heartbeat: {interval: 1s, timeout: 30s}
                  cureWindow: 0ms
                  intensity: {restarts: 1000000, period: 1s}
                root:
                  group: root
                  children:
                """);
        for (int a = 0; a < agents; a++) {
            yaml.append("    - group: ").append(group(a)).append("\n      children:\n");
            yaml.append("        - group: ").append(crashGroup(a)).append("\n          children:\n");
            yaml.append("            - component: ").append(component(a, 0)).append("\n              node: ")
                    .append(node(a)).append("\n              command: [sleep, \"86400\"]\n");
            for (int c = 1; c < perAgent; c++) {
                yaml.append("        - component: ").append(component(a, c)).append("\n          node: ")
                        .append(node(a)).append("\n          command: [sleep, \"86400\"]\n");
            }
        }
        return yaml.toString();
    }
}
