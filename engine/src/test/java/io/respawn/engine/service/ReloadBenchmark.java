package io.respawn.engine.service;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.log.FactLogWriter;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a reload costs with a journal behind it (not a test: run by hand, see
 * docs/BENCHMARKS.md). Writes a journal of {@code components} components beating at 1 Hz
 * for {@code seconds}, starts an engine on it, then reloads: rules edited (a fresh session
 * fed the whole journal) and map edited (rules unchanged), {@code rounds} times each.
 *
 * <p>Arguments: components seconds rounds (default 100 600 3).
 */
public final class ReloadBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private ReloadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int components = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("respawn-reload-bench");
        Path rules = DefaultRules.copyTo(dir.resolve("rules"));
        Path map = dir.resolve("map.yaml");
        Files.writeString(map, map(components));
        long facts = journal(dir.resolve("journal.jsonl"), Files.readString(map), components, seconds);
        System.out.printf("journal: %d facts, %d components, %d s, %d bytes%n", facts, components, seconds,
                Files.size(dir.resolve("journal.jsonl")));
        List<Long> ruleMs = new ArrayList<>();
        List<Long> mapMs = new ArrayList<>();
        List<Long> compileMs = new ArrayList<>();
        try (EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"),
                RuleBase.fromDirectory(rules), map, new InetSocketAddress("127.0.0.1", 0),
                "a shared secret of some length".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)))) {
            for (int i = 1; i <= rounds; i++) {
                Path file = rules.resolve("60-operator.drl");
                Files.writeString(file, Files.readString(file) + "\n// edit " + i + "\n");
                long t = System.nanoTime();
                RuleBase.fromDirectory(rules);   // the compile alone, for comparison
                compileMs.add((System.nanoTime() - t) / 1_000_000);
                t = System.nanoTime();
                Operations.Reload reload = engine.reload("bench");
                ruleMs.add((System.nanoTime() - t) / 1_000_000);
                check(reload);
                Files.writeString(map, Files.readString(map) + "# edit " + i + "\n");
                t = System.nanoTime();
                reload = engine.reload("bench");
                mapMs.add((System.nanoTime() - t) / 1_000_000);
                check(reload);
            }
        }
        System.out.printf("reload, rules changed: median %d ms, range %d-%d ms (%s)%n", median(ruleMs),
                Collections.min(ruleMs), Collections.max(ruleMs), ruleMs);
        System.out.printf("compiling the rules alone: median %d ms, range %d-%d ms (%s)%n", median(compileMs),
                Collections.min(compileMs), Collections.max(compileMs), compileMs);
        System.out.printf("reload, map changed only: median %d ms, range %d-%d ms (%s)%n", median(mapMs),
                Collections.min(mapMs), Collections.max(mapMs), mapMs);
    }

    private static void check(Operations.Reload reload) {
        if (!reload.applied()) {
            throw new IllegalStateException("reload refused: " + reload.problems());
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String map(int components) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults: {node: n1, heartbeat: {interval: 1s, timeout: 3s}}
                root:
                  group: root
                  children:
                """);
        for (int c = 0; c < components; c++) {
            yaml.append("    - {component: c").append(c).append(", command: [sleep, \"86400\"]}\n");
        }
        return yaml.toString();
    }

    private static long journal(Path file, String yaml, int components, int seconds) throws IOException {
        long facts = 1;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             FactLogWriter log = new FactLogWriter(out)) {
            log.append(new MapInForce("m1", T0, "map.yaml", yaml));
            for (int c = 0; c < components; c++) {
                log.append(new ProcessStarted("s" + c, T0, ComponentId.of("c" + c), "n1", 1000 + c, null, null));
                facts++;
            }
            long n = 0;
            for (int s = 1; s <= seconds; s++) {
                for (int c = 0; c < components; c++) {
                    Instant at = T0.plusMillis(s * 1000L + (c * 1000L) / components);
                    log.append(new Heartbeat("h" + (n++), at, ComponentId.of("c" + c), "n1:" + (1000 + c),
                            HeartbeatStatus.OK, s, null));
                    facts++;
                }
            }
        }
        return facts;
    }
}
