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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a component: the whole tree goes, a hung process does not get a grace period. */
class SupervisorStopTest {
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
    void treeWithSetsidChildAndDoubleForkedGrandchild_leavesNothingAlive() {
        // given a component whose children escape its process group: one through setsid,
        // one by daemonising (fork, setsid, fork: re-parented to the agent)
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - component: escaper
                      node: @NODE@
                      stopGrace: 2s
                      command: [sh, -c, 'setsid sleep 301 & perl -MPOSIX -e "exit 0 if fork; POSIX::setsid();
                                exit 0 if fork; sleep 302"; exec sleep 303']
                """);
        ProcessStarted started = fixture.started("escaper");
        // settled: the main process is "sleep 303", the setsid child runs, the daemon was re-parented here
        List<Long> tree = Eventually.awaitValue("the tree settled", Duration.ofSeconds(5), () -> {
            List<Long> pids = LiveProcesses.carrying("RESPAWN_COMPONENT=escaper");
            boolean settled = pids.size() == 3
                    && LiveProcesses.commandLine(started.pid()).equals("sleep 303")
                    && pids.stream().anyMatch(p -> LiveProcesses.commandLine(p).equals("sleep 301"))
                    && pids.stream().anyMatch(p -> LiveProcesses.commandLine(p).startsWith("perl")
                            && LiveProcesses.parent(p) == ProcessHandle.current().pid());
            return settled ? java.util.Optional.of(pids) : java.util.Optional.empty();
        });
        assertThat(tree).contains(started.pid());

        // when it is stopped
        RestartOutcome outcome = fixture.supervisor.stop(ComponentId.of("escaper"), "d-7", StopMode.GRACEFUL).join();

        // then none of the old tree is alive, and the two that escaped the group are reported
        assertThat(tree).noneMatch(LiveProcesses::alive);
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(outcome.restartId()).isEqualTo("d-7");
        List<String> escaped = tree.stream().filter(p -> p != started.pid())
                .map(p -> fixture.node.name() + ":" + p).toList();
        assertThat(outcome.killedHard()).containsExactlyInAnyOrderElementsOf(escaped);
        ProcessExited exited = fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(),
                Duration.ofSeconds(1));
        assertThat(exited.expected()).isTrue();
        assertThat(exited.signal()).isEqualTo(15);
        // and the orphan re-parented to the agent is reaped, not left a zombie
        Eventually.await("the old tree gone from /proc", Duration.ofSeconds(3),
                () -> tree.stream().noneMatch(p -> Files.exists(Path.of("/proc", Long.toString(p)))));
    }

    @Test
    void sigstoppedProcess_isKilledAtOnceNotAfterTheGrace() {
        // given a component with a long grace whose process is stopped (SIGSTOP: it cannot act on SIGTERM)
        fixture.start("""
                version: 1
                root: {group: g, children: [{component: frozen, node: @NODE@, stopGrace: 10s, command: [sleep, "300"]}]}
                """);
        ProcessStarted started = fixture.started("frozen");
        Posix.kill(started.pid(), Posix.SIGSTOP);
        Eventually.await("state T", Duration.ofSeconds(2),
                () -> LiveProcesses.state(started.pid()).equals(java.util.Optional.of('T')));

        // when it is stopped gracefully
        long began = System.nanoTime();
        RestartOutcome outcome = fixture.supervisor.stop(ComponentId.of("frozen"), "d-8", StopMode.GRACEFUL).join();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        // then it is killed at once, far inside the 10 s grace
        System.out.printf("stop of a SIGSTOPped process: %d ms (outcome durationMs=%d, grace 10000 ms)%n", tookMs,
                outcome.durationMs());
        assertThat(tookMs).isLessThan(1_000);
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(outcome.killedHard()).containsExactly(fixture.node.name() + ":" + started.pid());
        ProcessExited exited = fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(),
                Duration.ofSeconds(1));
        assertThat(exited.signal()).isEqualTo(9);
        assertThat(exited.expected()).isTrue();
    }

    @Test
    void processIgnoringSigterm_isKilledWhenTheGraceIsOver() {
        // given a component that ignores SIGTERM, with a 300 ms grace
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - {component: stubborn, node: @NODE@, stopGrace: 300ms,
                       command: [perl, -e, '$SIG{TERM} = "IGNORE"; print "ready\\n"; $| = 1; sleep 300']}
                """);
        ProcessStarted started = fixture.started("stubborn");
        Eventually.await("stubborn ignores SIGTERM", Duration.ofSeconds(5),
                () -> read(logs.resolve("stubborn.log")).contains("ready"));

        // when it is stopped
        RestartOutcome outcome = fixture.supervisor.stop(ComponentId.of("stubborn"), null, StopMode.GRACEFUL).join();

        // then it gets SIGKILL after the grace, and that is reported
        assertThat(outcome.durationMs()).isBetween(300L, 2_000L);
        assertThat(outcome.killedHard()).containsExactly(fixture.node.name() + ":" + started.pid());
        assertThat(fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(), Duration.ofSeconds(1))
                .signal()).isEqualTo(9);
        assertThat(LiveProcesses.alive(started.pid())).isFalse();
    }

    @Test
    void immediateMode_killsWithoutWaitingForSigterm() {
        // given a component with a long grace
        fixture.start("""
                version: 1
                root: {group: g, children: [{component: hung, node: @NODE@, stopGrace: 10s, command: [sleep, "300"]}]}
                """);
        ProcessStarted started = fixture.started("hung");

        // when it is stopped in IMMEDIATE mode (a restart decided because of a hang)
        RestartOutcome outcome = fixture.supervisor.stop(ComponentId.of("hung"), "d-9", StopMode.IMMEDIATE).join();

        // then it is killed with SIGKILL at once
        assertThat(outcome.durationMs()).isLessThan(1_000);
        assertThat(fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(), Duration.ofSeconds(1))
                .signal()).isEqualTo(9);
        assertThat(fixture.supervisor.table().get(0).state()).isEqualTo(ProcessState.STOPPED);
    }

    @Test
    void close_stopsEverythingAndLeavesNoProcess() {
        // given several components, one with a child of its own
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - {component: one, node: @NODE@, command: [sleep, "300"]}
                    - {component: two, node: @NODE@, command: [sh, -c, "sleep 300 & exec sleep 301"]}
                """);
        Eventually.await("three processes", Duration.ofSeconds(5),
                () -> LiveProcesses.carrying(fixture.node.marker()).size() == 3);

        // when the supervisor closes
        fixture.supervisor.close();

        // then nothing of the node is left
        assertThat(LiveProcesses.carrying(fixture.node.marker())).isEmpty();
        assertThat(fixture.sink.all(ProcessExited.class)).hasSize(2).allMatch(ProcessExited::expected);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
