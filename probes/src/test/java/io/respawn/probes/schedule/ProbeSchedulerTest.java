package io.respawn.probes.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.facts.map.ProbeTiming;
import io.respawn.facts.map.SendExpect;
import io.respawn.facts.map.SendExpectProbe;
import io.respawn.probes.Await;
import io.respawn.probes.ProbeReport;
import io.respawn.probes.ProbeRunner;
import io.respawn.probes.TcpServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    /**
     * How far from its due time a run may start: ticker and thread hand-offs on a busy
     * machine. Well under the 400ms a hanging probe would hold a thread for if it could.
     */
    private static final Duration SCHEDULE_SLACK = Duration.ofMillis(150);
    /** The fast probe: every 200ms, with time enough to pass on a busy machine. */
    private static final ProbeTiming FAST = new ProbeTiming(Duration.ofMillis(200), Duration.ofMillis(150),
            Duration.ZERO, Duration.ZERO);

    private final List<ProbeReport> reports = new CopyOnWriteArrayList<>();
    private final TcpServer pingServer = TcpServer.start(TcpServer.Behaviour.PING_PONG);
    private final TcpServer hungServer = TcpServer.start(TcpServer.Behaviour.SILENT);

    @AfterEach
    void stopServers() {
        pingServer.close();
        hungServer.close();
    }

    @Test
    void probe_runsEveryIntervalAfterItsInitialDelay() {
        try (ProbeScheduler scheduler = new ProbeScheduler(2, InstantSource.system(), reports::add)) {
            // given a probe every 200ms after a 300ms initial delay
            Instant scheduledAt = Instant.now();
            scheduler.schedule(EHEAP, ping(new ProbeTiming(Duration.ofMillis(200), Duration.ofMillis(150),
                    Duration.ofMillis(300), Duration.ZERO)));

            // when it has run five times
            Await.until("five reports", Duration.ofSeconds(3), () -> reports.size() >= 5);

            // then the first run waited for the initial delay, and the runs are an interval apart
            List<Instant> starts = reports.stream().map(ProbeReport::startedAt).toList();
            assertThat(Duration.between(scheduledAt, starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertOnGrid(starts.subList(0, 5), Duration.ofMillis(200));
            assertThat(reports).allSatisfy(report -> assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS));
            assertThat(scheduler.skippedOverlaps()).isZero();
            assertThat(scheduler.runs()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void runStillInFlightWhenTheNextIsDue_isSkippedAndCounted() {
        // given a probe every 200ms that hangs to its 150ms timeout, and a jitter of up to 150ms
        // that comes out as 150ms, 0, 150ms, 0...: run 0 starts at 150ms and ends at 300ms,
        // after run 1 was due (200ms); run 2 starts at 550ms, run 3 is due at 600ms (on a busy
        // machine a late ticker can drop a slot and shift the pattern, so only the rule is asserted)
        RandomGenerator alternating = new Alternating();
        try (ProbeRunner runner = new ProbeRunner(2, InstantSource.system());
             ProbeScheduler scheduler = new ProbeScheduler(runner, ProbeScheduler.Ownership.SHARED, reports::add,
                     alternating)) {
            scheduler.schedule(EHEAP, new SendExpectProbe("ping", new ProbeTiming(Duration.ofMillis(200),
                    Duration.ofMillis(150), Duration.ZERO, Duration.ofMillis(150)),
                    new SendExpect("127.0.0.1", hungServer.port(), "ping", "^pong")));

            // when two overlaps have come
            Await.until("two runs skipped", Duration.ofSeconds(3), () -> scheduler.skippedOverlaps() >= 2);

            // then runs were skipped rather than queued: never two of them in flight at once
            assertThat(hungServer.mostOpen()).isEqualTo(1);
            assertThat(scheduler.runs()).isGreaterThanOrEqualTo(2);
            // and the runs made failed at their timeout
            Await.until("two reports", Duration.ofSeconds(1), () -> reports.size() >= 2);
            assertThat(reports).allSatisfy(report -> {
                assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
                assertThat(report.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            });
        }
    }

    @Test
    void moreHangingProbesThanProbeThreads_fastProbeStaysOnSchedule() {
        try (ProbeScheduler scheduler = new ProbeScheduler(2, InstantSource.system(), reports::add)) {
            // given a pool of two probe threads and three probes that hang to their 400ms timeout
            ProbeTiming slow = new ProbeTiming(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ZERO,
                    Duration.ZERO);
            for (String hung : List.of("hung-1", "hung-2", "hung-3")) {
                scheduler.schedule(ComponentId.of(hung), new SendExpectProbe("ping", slow,
                        new SendExpect("127.0.0.1", hungServer.port(), "ping", "^pong")));
            }
            // and a fast probe every 200ms
            scheduler.schedule(EHEAP, ping(FAST));

            // when all three hang at once, and the fast probe has run eight times
            Await.until("three hanging runs at once", Duration.ofSeconds(1), () -> hungServer.open() == 3);
            Await.until("eight fast runs", Duration.ofSeconds(3), () -> fast().size() >= 8);

            // then the fast probe kept its interval and passed every time
            List<ProbeReport> fast = fast();
            assertOnGrid(fast.stream().map(ProbeReport::startedAt).toList().subList(0, 8), Duration.ofMillis(200));
            assertThat(fast).allSatisfy(report -> assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS));
            assertThat(scheduler.skippedOverlaps()).isZero();
            // and each hanging probe was reported as failing at its timeout
            Await.until("the hanging probes reported", Duration.ofSeconds(1),
                    () -> reports.stream().filter(report -> !report.component().equals(EHEAP)).count() >= 3);
            assertThat(reports.stream().filter(report -> !report.component().equals(EHEAP)))
                    .allSatisfy(report -> {
                        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
                        assertThat(report.latency()).isBetween(Duration.ofMillis(400), Duration.ofMillis(550));
                    });
        }
    }

    @Test
    void cancel_stopsTheComponentsProbesAndAbandonsTheRunInFlight() {
        try (ProbeScheduler scheduler = new ProbeScheduler(2, InstantSource.system(), reports::add)) {
            // given a component whose probe is hanging with 3s to go, and another probing every 200ms
            ComponentId stopping = ComponentId.of("dheap");
            scheduler.schedule(stopping, new SendExpectProbe("ping", new ProbeTiming(Duration.ofSeconds(5),
                    Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO),
                    new SendExpect("127.0.0.1", hungServer.port(), "ping", "^pong")));
            scheduler.schedule(EHEAP, ping(FAST));
            Await.until("the hanging run is connected", Duration.ofSeconds(1), () -> hungServer.open() == 1);

            // when the agent cancels the component's probes (it is about to restart it)
            scheduler.cancel(stopping);

            // then the hanging run's connection closes at once, not at its timeout
            Await.until("the abandoned run's connection closed", Duration.ofMillis(500),
                    () -> hungServer.open() == 0);
            assertThat(scheduler.scheduled(stopping)).isEmpty();
            // and, while the other component goes on being probed, the cancelled one reports nothing
            int fastSoFar = fast().size();
            Await.until("three more runs of the other probe", Duration.ofSeconds(2),
                    () -> fast().size() >= fastSoFar + 3);
            assertThat(reports).noneMatch(report -> report.component().equals(stopping));
        }
    }

    @Test
    void schedulingAProbeAgain_replacesIt() {
        try (ProbeScheduler scheduler = new ProbeScheduler(2, InstantSource.system(), reports::add)) {
            // given a probe scheduled twice under the same name (the second after a restart)
            scheduler.schedule(EHEAP, ping(FAST));
            scheduler.schedule(EHEAP, ping(FAST));

            // then one timeline runs: five runs take four intervals, not two
            Instant first = Await.value("a first report", Duration.ofSeconds(1), () -> reports.isEmpty()
                    ? null : reports.get(0).startedAt(), start -> start != null);
            Await.until("five reports", Duration.ofSeconds(3), () -> reports.size() >= 5);
            assertThat(Duration.between(first, reports.get(4).startedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(800).minus(SCHEDULE_SLACK));
            assertThat(scheduler.scheduled(EHEAP)).containsExactly("ping");
        }
    }

    private List<ProbeReport> fast() {
        return reports.stream().filter(report -> report.component().equals(EHEAP)).toList();
    }

    private ProbeSpec ping(ProbeTiming timing) {
        return new SendExpectProbe("ping", timing, new SendExpect("127.0.0.1", pingServer.port(), "ping", "^pong"));
    }

    /**
     * Run {@code k} starts {@code k} intervals after the first, give or take the schedule
     * slack: one late start does not shift the ones after it.
     */
    private static void assertOnGrid(List<Instant> starts, Duration interval) {
        for (int k = 1; k < starts.size(); k++) {
            Duration due = interval.multipliedBy(k);
            assertThat(Duration.between(starts.get(0), starts.get(k)))
                    .as("start of run %d after the first", k)
                    .isBetween(due.minus(SCHEDULE_SLACK), due.plus(SCHEDULE_SLACK));
        }
    }

    /** Jitter that comes out as the most allowed, then none, then the most, and so on. */
    private static final class Alternating implements RandomGenerator {
        private boolean most = true;

        @Override
        public synchronized long nextLong(long bound) {
            long value = most ? bound - 1 : 0;
            most = !most;
            return value;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded jitter is drawn");
        }
    }
}
