package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.Eventually;
import io.respawn.agent.LiveProcesses;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting components and seeing them end: what is reported, how fast, and what they are given. */
class SupervisorExitTest {
    @TempDir
    Path logs;
    SupervisorFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new SupervisorFixture(logs);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void killNine_reportsSignalNineUnexpectedWithinMilliseconds() {
        // given a running component
        fixture.start("""
                version: 1
                root: {group: g, children: [{component: victim, node: @NODE@, command: [sleep, "300"]}]}
                """);
        ProcessStarted started = fixture.started("victim");

        // when it is killed from outside
        long killedAt = System.nanoTime();
        assertThat(Posix.kill(started.pid(), Posix.SIGKILL)).isTrue();

        // then its exit is reported at once: signal 9, not expected
        ProcessExited exited = fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(),
                Duration.ofSeconds(2));
        long latencyMicros = TimeUnit.NANOSECONDS.toMicros(fixture.sink.arrivedNanos(exited) - killedAt);
        System.out.printf("exit detection: kill -9 -> ProcessExited in %d us%n", latencyMicros);
        assertThat(exited.signal()).isEqualTo(9);
        assertThat(exited.exitCode()).isNull();
        assertThat(exited.expected()).isFalse();
        assertThat(latencyMicros).isLessThan(100_000);
        assertThat(fixture.supervisor.table().get(0).state()).isEqualTo(ProcessState.EXITED);
        assertThat(fixture.supervisor.table().get(0).lastExit()).contains("signal 9");
    }

    @Test
    void exitWithCode_reportsTheCodeAndNoSignal() {
        // given a component that exits 3 on its own
        fixture.start("""
                version: 1
                root: {group: g, children: [{component: quitter, node: @NODE@, command: [sh, -c, "exit 3"]}]}
                """);

        // then
        ProcessExited exited = fixture.sink.await(ProcessExited.class, e -> true, Duration.ofSeconds(5));
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.signal()).isNull();
        assertThat(exited.expected()).isFalse();
        assertThat(exited.component()).isEqualTo(ComponentId.of("quitter"));
    }

    @Test
    void start_leadsOwnSessionWithRespawnEnvironmentAndOutputInItsLog() throws Exception {
        // given a component that prints its environment
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - component: talker
                      node: @NODE@
                      command: [sh, -c, "echo hello from talker; env; echo oops >&2; exec sleep 300"]
                      env: {GREETING: bonjour}
                      workdir: /tmp
                """);
        ProcessStarted started = fixture.started("talker");

        // then it leads its own session and process group (once setsid, which the process runs first, is done)
        Eventually.await("talker leads its own process group", Duration.ofSeconds(5),
                () -> ProcFs.stat(started.pid()).map(p -> p.pgid() == started.pid()).orElse(false));
        String stat = Files.readString(Path.of("/proc", Long.toString(started.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.parseLong(fields[2])).as("pgid").isEqualTo(started.pid());
        assertThat(Long.parseLong(fields[3])).as("sid").isEqualTo(started.pid());
        // and its output, stdout and stderr, lands in its log with the RESPAWN_* variables it was given
        Path log = logs.resolve("talker.log");
        Eventually.await("talker's output in its log", Duration.ofSeconds(5),
                () -> Files.exists(log) && read(log).contains("oops"));
        assertThat(read(log)).contains("hello from talker", "GREETING=bonjour", "RESPAWN_COMPONENT=talker",
                "RESPAWN_NODE=" + fixture.node.name(), "RESPAWN_HEARTBEAT_PORT=9",
                "RESPAWN_HEARTBEAT_HOST=127.0.0.1", "RESPAWN_HEARTBEAT_TOKEN=", "RESPAWN_INSTANCE=",
                "PWD=/tmp", "started as pid " + started.pid());
        assertThat(started.restartId()).isNull();
        assertThat(fixture.supervisor.running(ComponentId.of("talker"))).get()
                .satisfies(p -> assertThat(p.isCurrent()).isTrue());
    }

    @Test
    void missingProgram_startFailsWithTheReasonAndNoProcess() {
        // given a component whose program does not exist
        fixture.start("""
                version: 1
                root: {group: g, children: [{component: ghost, node: @NODE@, command: [no-such-program-xyz]}]}
                """);
        assertThat(fixture.supervisor.table().get(0).state()).isEqualTo(ProcessState.START_FAILED);

        // when the engine asks for a start
        RestartOutcome outcome = fixture.supervisor.start(ComponentId.of("ghost"), "d-1").join();

        // then the start fails in plain words, and nothing runs
        assertThat(outcome.result()).isEqualTo(RestartResult.FAILED);
        assertThat(outcome.reason()).contains("ghost - could not start", "no-such-program-xyz");
        assertThat(fixture.sink.all(ProcessStarted.class)).isEmpty();
        assertThat(LiveProcesses.carrying(fixture.node.marker())).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
