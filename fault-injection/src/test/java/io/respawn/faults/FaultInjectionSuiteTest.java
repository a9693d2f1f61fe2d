package io.respawn.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/**
 * The fault-injection suite. One engine and two agents run as JVMs of their own (the
 * packaged {@code respawn} command), the agents reaching the engine through a TCP proxy
 * the suite controls; every component is alone in its restart group. Each round injects
 * one fault at a random point, always with at least one component killed, then waits until
 * the system has settled (every component runs, no command in progress, every fact
 * acknowledged). At the end the {@link Checker} compares the agents' ledgers with the
 * journal. The seed is printed; {@code -Dfaults.seed=N} reproduces a run's kill points,
 * {@code -Dfaults.rounds=N} sets its length.
 */
class FaultInjectionSuiteTest {
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final long STABLE_NANOS = TimeUnit.MILLISECONDS.toNanos(600);

    /** The faults, each injected at a random point. */
    enum Fault {
        ENGINE_KILL_IN_STORM, ENGINE_KILL_TO_STANDBY, AGENT_KILL_MID_RESTART, CONNECTION_CUT, TORN_JOURNAL,
        HEARTBEAT_FLOOD
    }

    private record Round(int number, Fault fault, String detail, long resumeMs) {
    }

    private Cluster cluster;
    private Random random;
    private final List<LedgerWatch> watches = new ArrayList<>();

    @Test
    void faultsAtRandomPoints_loseNoAcknowledgedFact_doubleNoRestart_missNone() throws Exception {
        long seed = Optional.ofNullable(System.getProperty("faults.seed")).filter(s -> !s.isBlank())
                .map(Long::parseLong).orElse(System.nanoTime());
        int rounds = Integer.parseInt(System.getProperty("faults.rounds", "20"));
        random = new Random(seed);
        System.out.printf("%nfault injection: seed %d, %d rounds (reproduce with -Dfaults.seed=%d -Dfaults.rounds=%d)%n",
                seed, rounds, seed, rounds);
        String tag = HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
        Path work = Path.of(System.getProperty("faults.work", "target/faults")).resolve("run-" + seed);
        removeEarlierRun(work);     // the same seed again: start from nothing, not from that run's journal
        Path jar = Path.of(System.getProperty("respawn.cli.jar"));
        assertThat(jar).as("the packaged respawn command (mvn package of cli)").exists();

        long began = System.nanoTime();
        List<Round> done = new ArrayList<>();
        cluster = new Cluster(work, jar, List.of("fi" + tag + "a", "fi" + tag + "b"));
        try {
            cluster.startEngine();
            for (String node : cluster.nodes()) {
                cluster.startAgent(node);
                watches.add(new LedgerWatch(cluster.ledger(node)));
            }
            long firstSettle = TimeUnit.NANOSECONDS.toMillis(settle("the first start") - began);
            System.out.printf("started and settled in %d ms%n", firstSettle);
            for (int i = 1; i <= rounds; i++) {
                Fault fault = schedule(rounds).get(i - 1);
                prepare(fault);
                long injected = System.nanoTime();
                String detail = inject(fault);
                long resumeMs = TimeUnit.NANOSECONDS.toMillis(
                        settle("round " + i + " " + fault + " (" + detail + ")") - injected);
                done.add(new Round(i, fault, detail, resumeMs));
                System.out.printf("round %2d  %-22s %-60s resumed in %5d ms%n", i, fault, detail, resumeMs);
            }
            settle("the end");
            awaitStable(Duration.ofSeconds(2));          // late commands land before the books are closed
        } finally {
            cluster.close();
        }
        long suiteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        Checker.Report report = Checker.check(cluster.journal(),
                cluster.nodes().stream().map(cluster::ledger).toList());
        print(seed, done, report, suiteMs, cluster.engineStartMs(), cluster.takeOverMs());
        assertThat(report.problems()).as("the checker's findings").isEmpty();
        assertThat(report.factsLost()).isZero();
        assertThat(report.duplicateExecutions()).isZero();
        assertThat(report.duplicateRestarts()).isZero();
        assertThat(report.missedRestarts()).isZero();
        assertThat(report.restartsWithoutFailure()).isZero();
        assertThat(report.unreadableLines()).isZero();
        assertThat(report.failures()).isGreaterThanOrEqualTo(rounds);
    }

    /** Every fault at least {@code rounds / 6} times (one per kind), in a shuffled order the seed fixes. */
    private List<Fault> schedule(int rounds) {
        if (plan == null) {
            plan = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                plan.add(Fault.values()[i % Fault.values().length]);
            }
            Collections.shuffle(plan, random);
        }
        return plan;
    }

    private List<Fault> plan;

    /** What a fault needs in place before it is injected (and its resume time counted). */
    private void prepare(Fault fault) throws Exception {
        if (fault == Fault.ENGINE_KILL_TO_STANDBY) {
            cluster.startStandby();
        }
    }

    private String inject(Fault fault) throws Exception {
        return switch (fault) {
            case ENGINE_KILL_IN_STORM -> engineKillInStorm();
            case ENGINE_KILL_TO_STANDBY -> engineKillToStandby();
            case AGENT_KILL_MID_RESTART -> agentKillMidRestart();
            case CONNECTION_CUT -> connectionCut();
            case TORN_JOURNAL -> tornJournal();
            case HEARTBEAT_FLOOD -> heartbeatFlood();
        };
    }

    /** Three components killed at once, the engine killed 0-400 ms later, then started on its journal. */
    private String engineKillInStorm() throws Exception {
        String storm = stormThenEngineKill();
        cluster.startEngine();
        return storm;
    }

    /** Three components killed at once, then the engine 0-400 ms later; says what was killed when. */
    private String stormThenEngineKill() throws Exception {
        List<String> killed = killSome(3);
        long delayMs = random.nextInt(400);
        sleepMs(delayMs);
        cluster.killEngine();
        return "killed " + killed + ", engine -9 after " + delayMs + " ms";
    }

    /**
     * With a standby engine ready: three components killed at once, the engine killed 0-400 ms
     * later; the standby takes over the journal (no new JVM, no rules to load).
     */
    private String engineKillToStandby() throws Exception {
        String storm = stormThenEngineKill();
        cluster.awaitTakeOver();
        List<Long> takeOvers = cluster.takeOverMs();
        return storm + ", standby listening after " + takeOvers.get(takeOvers.size() - 1) + " ms";
    }

    /** A component killed; its agent killed 0-60 ms after the restart begins (or after its exit), then started. */
    private String agentKillMidRestart() throws Exception {
        String node = pick(cluster.nodes());
        String component = Cluster.component(node, pick(Cluster.KINDS));
        cluster.killComponent(node, component);
        boolean begun = awaitCommand(node, Duration.ofSeconds(3));
        long delayMs = random.nextInt(60);
        sleepMs(delayMs);
        cluster.killAgent(node);
        cluster.startAgent(node);
        return "killed " + component + ", agent -9 " + delayMs + " ms after " + (begun ? "the restart began"
                : "3 s without a restart");
    }

    /** The connection cut for 0.5-2 s; a component killed during the cut. */
    private String connectionCut() throws Exception {
        long cutMs = 500 + random.nextInt(1500);
        cluster.proxy().cut();
        sleepMs(cutMs / 3);
        List<String> killed = killSome(1);
        sleepMs(cutMs - cutMs / 3);
        cluster.proxy().restore();
        return "cut " + cutMs + " ms, killed " + killed + " during it";
    }

    /** The engine killed while a component's failure is reported, a torn line left at the journal's end. */
    private String tornJournal() throws Exception {
        List<String> killed = killSome(1);
        long delayMs = random.nextInt(200);
        sleepMs(delayMs);
        cluster.killEngine();
        int bytes = 1 + random.nextInt(120);
        cluster.tearJournal(bytes);
        cluster.startEngine();
        return "killed " + killed + ", engine -9 after " + delayMs + " ms, torn line of " + bytes + " bytes";
    }

    /** 20,000 bad heartbeats at one agent (wrong token, unknown component, malformed) while a component dies. */
    private String heartbeatFlood() throws Exception {
        String node = pick(cluster.nodes());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String beater = Cluster.component(node, "beater");
        List<String> killed = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 20_000; i++) {
                String line = switch (i % 3) {
                    case 0 -> "HB1 " + beater + " " + node + ":1 OK " + i + " 00000000000000000000000000000000";
                    case 1 -> "HB1 nobody " + node + ":1 OK " + i + " 00";
                    default -> "garbage " + i;
                };
                byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, loopback, cluster.heartbeatPort(node)));
                if (i == 10_000) {
                    killed.add(node + ":" + kill(node));
                }
            }
        }
        return "20000 bad beats at " + node + ", killed " + killed;
    }

    // ---- helpers ----

    private List<String> killSome(int count) {
        List<String> killed = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String node : cluster.nodes()) {
            for (String kind : Cluster.KINDS) {
                all.add(node + "|" + Cluster.component(node, kind));
            }
        }
        Collections.shuffle(all, random);
        for (String pair : all.subList(0, count)) {
            String[] parts = pair.split("\\|");
            if (cluster.killComponent(parts[0], parts[1])) {
                killed.add(parts[1]);
            }
        }
        return killed;
    }

    private String kill(String node) {
        String component = Cluster.component(node, pick(Cluster.KINDS));
        cluster.killComponent(node, component);
        return component;
    }

    private boolean awaitCommand(String node, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.state(node).map(s -> s.hasNonNull("command")).orElse(false)) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return false;
    }

    /**
     * Waits until every component runs (by its agent's state file, its PID alive) and has run
     * longer than its startup grace, no command is in progress, and every fact of each agent's
     * current run is acknowledged — and stays so
     * for {@value #STABLE_NANOS} ns. Returns when (System.nanoTime) the system had resumed for
     * good: every component running and every fact acknowledged, the startup-grace wait aside.
     */
    private long settle(String after) {
        long start = System.nanoTime();
        long since = -1;
        long resumed = -1;
        while (true) {
            boolean settled = settledNow();
            long now = System.nanoTime();
            if (!settled) {
                since = -1;
                resumed = resumedNow ? (resumed < 0 ? now : resumed) : -1;
            } else if (since < 0) {
                since = now;
                resumed = resumed < 0 ? now : resumed;
            } else if (now - since >= STABLE_NANOS) {
                return resumed;
            }
            if (now - start > SETTLE_LIMIT.toNanos()) {
                throw new AssertionError("not settled " + SETTLE_LIMIT.toSeconds() + "s after " + after
                        + "; last reason: " + unsettled + "; running "
                        + cluster.nodes().stream().map(cluster::running).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private String unsettled = "";
    private boolean resumedNow;

    /** When the engine journaled the latest process start (its receive time, the line's "at"). */
    private long latestStartJournaled() {
        long latest = 0;
        try (Stream<String> lines = Files.lines(cluster.journal())) {
            for (String line : (Iterable<String>) lines.filter(l -> l.contains("\"type\":\"process-started\""))::iterator) {
                int at = line.indexOf("\"at\":\"");
                if (at >= 0) {
                    latest = Math.max(latest, Instant.parse(line.substring(at + 6, line.indexOf('"', at + 6)))
                            .toEpochMilli());
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.currentTimeMillis();      // unreadable for now (being written): not settled yet
        }
        return latest;
    }

    private boolean settledNow() {
        resumedNow = false;
        for (int i = 0; i < cluster.nodes().size(); i++) {
            String node = cluster.nodes().get(i);
            if (!cluster.agentAlive(node)) {
                return not(node + ": agent not running");
            }
            if (cluster.state(node).map(s -> s.hasNonNull("command")).orElse(true)) {
                return not(node + ": no state file, or a command in progress");
            }
            var running = cluster.running(node);
            if (running.size() != Cluster.KINDS.size() || !running.values().stream().allMatch(Cluster::alive)) {
                return not(node + ": not every component running: " + running);
            }
            if (!watches.get(i).allAcknowledged()) {
                return not(node + ": facts not yet acknowledged");
            }
        }
        resumedNow = true;                         // every component runs, every fact acknowledged
        // the engine times a start's grace from when it journaled the start, which an outage delays
        long sinceJournaled = System.currentTimeMillis() - latestStartJournaled();
        if (sinceJournaled < Cluster.STARTUP_GRACE_MS + 500) {
            return not("the engine journaled a start only " + sinceJournaled + " ms ago");
        }
        for (String node : cluster.nodes()) {
            // a failure before a restart's startup grace is over would escalate: fail nothing that young
            long youngest = System.currentTimeMillis() - cluster.latestStartMillis(node);
            if (youngest < Cluster.STARTUP_GRACE_MS + 500) {
                return not(node + ": a component started " + youngest + " ms ago");
            }
        }
        return true;
    }

    private boolean not(String why) {
        unsettled = why;
        return false;
    }

    private void awaitStable(Duration span) {
        long end = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        settle("the final wait");
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void sleepMs(long ms) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static void print(long seed, List<Round> rounds, Checker.Report r, long suiteMs, List<Long> engineStarts,
                              List<Long> takeOvers) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n=== fault injection summary (seed %d, %d s) ===%n", seed, suiteMs / 1000));
        List<Long> starts = engineStarts.stream().sorted().toList();
        out.append(String.format("engine start (JVM + rules, until it listens): %d starts, p50 %d ms, max %d ms%n",
                starts.size(), starts.get((starts.size() - 1) / 2), starts.get(starts.size() - 1)));
        if (!takeOvers.isEmpty()) {
            List<Long> sorted = takeOvers.stream().sorted().toList();
            out.append(String.format("standby take-over (engine killed, until the standby listens): %d, p50 %d ms,"
                    + " max %d ms%n", sorted.size(), sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1)));
        }
        out.append(String.format("%-24s %6s %10s %10s %10s%n", "fault", "count", "resume p50", "resume max", "(ms)"));
        Map<Fault, List<Long>> byFault = new EnumMap<>(Fault.class);
        rounds.forEach(round -> byFault.computeIfAbsent(round.fault(), f -> new ArrayList<>()).add(round.resumeMs()));
        byFault.forEach((fault, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            out.append(String.format("%-24s %6d %10d %10d%n", fault, sorted.size(), sorted.get((sorted.size() - 1) / 2),
                    sorted.get(sorted.size() - 1)));
        });
        out.append(String.format("%-44s %8d%n", "faults injected", rounds.size()));
        out.append(String.format("%-44s %8d%n", "facts sent (agent ledgers)", r.factsSent()));
        out.append(String.format("%-44s %8d%n", "facts acknowledged", r.factsAcked()));
        out.append(String.format("%-44s %8d%n", "facts lost (acknowledged, not journaled)", r.factsLost()));
        out.append(String.format("%-44s %8d%n", "facts unacknowledged when their agent died", r.unacknowledgedAtAgentDeath()));
        out.append(String.format("%-44s %8d%n", "failures (unexpected exits journaled)", r.failures()));
        out.append(String.format("%-44s %8d%n", "decisions executed", r.decisionsExecuted()));
        out.append(String.format("%-44s %8d%n", "  of them finished by a restarted agent", r.resumedAfterAgentDeath()));
        out.append(String.format("%-44s %8d%n", "second deliveries answered as duplicates", r.duplicateDeliveriesIgnored()));
        out.append(String.format("%-44s %8d%n", "duplicate executions", r.duplicateExecutions()));
        out.append(String.format("%-44s %8d%n", "duplicate restarts (2+ decisions, 1 failure)", r.duplicateRestarts()));
        out.append(String.format("%-44s %8d%n", "missed restarts", r.missedRestarts()));
        out.append(String.format("%-44s %8d%n", "restarts without a failure", r.restartsWithoutFailure()));
        out.append(String.format("%-44s %8d%n", "unreadable journal lines", r.unreadableLines()));
        r.problems().forEach(problem -> out.append("  ! ").append(problem).append('\n'));
        System.out.print(out);
        Files.writeString(Path.of(System.getProperty("faults.work", "target/faults")).resolve("summary-" + seed + ".txt"),
                out.toString());
    }

    private static void removeEarlierRun(Path work) throws IOException {
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
