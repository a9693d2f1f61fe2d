package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.engine.journal.FsyncPolicy;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.Retention;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.Decision;
import io.respawn.facts.Failure;
import io.respawn.facts.Observation;
import io.respawn.facts.Restart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby rehearses the recovery of a journal another engine holds, writing nothing,
 * and takes over with that engine's state once it stops. (Killed rather than stopped: the
 * fault-injection suite's ENGINE_KILL_TO_STANDBY, with real processes.)
 */
class StandbyTest {
    private static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
    private static RuleBase rules;

    @TempDir
    Path dir;

    private Path file;
    private EngineService.Settings settings;
    private List<Observation> facts;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @BeforeEach
    void writeJournal() throws IOException {
        file = dir.resolve("journal.jsonl");
        Path map = Files.writeString(dir.resolve("map.yaml"), EngineRecoveryTest.YAML, StandardCharsets.UTF_8);
        facts = EngineRecoveryTest.journal();
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.GROUP, 64 << 20, Retention.ALL,
                30))) {
            facts.forEach(fact -> journal.append(List.of(fact)));
        }
        settings = new EngineService.Settings(file, rules, map, new InetSocketAddress("127.0.0.1", 0), SECRET,
                Duration.ofHours(1));                         // no idle tick while the test runs
    }

    /** What one round's observer saw. */
    private static final class Seen implements EngineService.Observer {
        long facts;
        long failures;
        final List<Decision> decisions = new ArrayList<>();

        @Override
        public void fact(Observation fact) {
            facts++;
        }

        @Override
        public void failed(Failure failure) {
            failures++;
        }

        @Override
        public void decided(Decision decision) {
            decisions.add(decision);
        }
    }

    private Map<String, Long> listing() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.size(f));
            }
        }
        return files;
    }

    @Test
    void rehearsal_whileTheJournalIsHeld_readsItThroughTheObserver_untilNoFaster_andWritesNothing()
            throws IOException {
        List<Seen> rounds = new ArrayList<>();
        Standby.Rehearsed rehearsed;
        // held as an engine holds it, but writing nothing: a live engine's ticks would race the listing
        try (Journal held = Journal.open(file)) {
            Map<String, Long> before = listing();

            rehearsed = Standby.rehearse(settings, () -> {
                Seen seen = new Seen();
                rounds.add(seen);
                return seen;
            });

            assertThat(listing()).isEqualTo(before);
        }
        assertThat(rehearsed.rounds()).as("the first, then two no faster at least")
                .isBetween(1 + Standby.PATIENCE, Standby.MAX_ROUNDS).isEqualTo(rounds.size());
        assertThat(rehearsed.warmUp().rounds()).as("--warm-up 0s").isZero();
        long[] recovered = {0};
        try (Journal journal = Journal.open(file)) {
            journal.recover(fact -> recovered[0]++, record -> { });
        }
        assertThat(rehearsed.facts()).as("what a recovery reads: the checkpoint and the tail")
                .isEqualTo(recovered[0]).isLessThan(facts.size());
        assertThat(rounds).allSatisfy(seen -> {
            assertThat(seen.facts).isEqualTo(rehearsed.facts());
            assertThat(seen.decisions).as("b's crash, decided again").hasAtLeastOneElementOfType(Restart.class);
        });
    }

    @Test
    void rehearsal_withoutAJournal_rehearsesNoRecovery() {
        Standby.Rehearsed rehearsed = Standby.rehearse(new EngineService.Settings(dir.resolve("none/journal.jsonl"),
                rules, null, null, null, Duration.ofSeconds(1)), () -> null);

        assertThat(rehearsed.rounds()).isZero();
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void takeOver_waitsWhileAnEngineHoldsTheJournal_thenStartsWithItsState() throws Exception {
        EngineService first = EngineService.start(settings);
        int restarts = first.query(o -> o.facts(Restart.class).size());
        CompletableFuture<EngineService> standby = CompletableFuture.supplyAsync(() -> {
            try {
                return EngineService.takeOver(settings, Journal.Settings.defaults(), null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        boolean firstClosed = false;
        EngineService second = null;
        try {
            assertThatThrownBy(() -> standby.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            first.close();
            firstClosed = true;
            second = standby.get(60, TimeUnit.SECONDS);
            assertThat(second.acked("n1", "r1")).isEqualTo(42);
            int restartsAfter = second.query(o -> o.facts(Restart.class).size());
            assertThat(restartsAfter).isEqualTo(restarts).isPositive();
            assertThat(second.address().getPort()).isPositive();
        } finally {
            if (!firstClosed) {
                first.close();
            }
            if (second != null) {
                second.close();
            } else {
                standby.thenAccept(EngineService::close);     // once the first's close lets it through
            }
        }
    }
}
