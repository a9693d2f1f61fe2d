package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.agent.Eventually;
import io.respawn.agent.LiveProcesses;
import io.respawn.agent.RecordingSink;
import io.respawn.agent.TestNode;
import io.respawn.agent.state.Ledger;
import io.respawn.facts.GroupId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor started on the state an earlier one left (an agent killed and started
 * again): what it re-adopts, what it reports, what it finishes, what it kills. The earlier
 * supervisor is abandoned, not closed, as a killed agent would be.
 */
class SupervisorAdoptionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String MAP = """
            version: 1
            defaults: {stopGrace: 1s}
            root:
              group: g
              children:
                - component: sleeper
                  node: @NODE@
                  command: [sleep, "300"]
                - component: family
                  node: @NODE@
                  command: [bash, -c, "sleep 300 & sleep 300 & wait"]
            """;

    @TempDir
    Path dir;

    private final TestNode node = new TestNode();
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<Supervisor> started = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @AfterEach
    void tearDown() {
        supervisors.forEach(Supervisor::close);
        node.killLeftovers();
    }

    private Supervisor start(RecordingSink sink) {
        started.forEach(Supervisor::dropStateLock);    // every earlier one is abandoned: its agent was killed
        Supervisor supervisor = new Supervisor(node.map(MAP), settings(), sink,
                () -> node.name() + ":" + ids.incrementAndGet(), InstantSource.system(), ComponentListener.NONE);
        supervisors.add(supervisor);
        started.add(supervisor);
        supervisor.startAll();
        return supervisor;
    }

    /** The node's settings, its state kept in the test's directory as an agent keeps it. */
    private SupervisorSettings settings() {
        return new SupervisorSettings(node.name(), dir.resolve("logs"), 64 * 1024, 3, "127.0.0.1", 9,
                Optional.of(dir.resolve("state")), Ledger.OFF);
    }

    private static long pid(Supervisor supervisor, String component) {
        return supervisor.table().stream().filter(e -> e.component().name().equals(component)).findFirst()
                .orElseThrow().pid();
    }

    private static ProcessState state(Supervisor supervisor, String component) {
        return supervisor.table().stream().filter(e -> e.component().name().equals(component)).findFirst()
                .orElseThrow().state();
    }

    private Path stateFile() {
        return dir.resolve("state").resolve(node.name() + ".state.json");
    }

    @Test
    void restartedSupervisor_readoptsWhatRuns_startsNoDuplicate_andStillStopsWholeTrees() throws IOException {
        // given a supervisor that started both components, then was abandoned (its agent killed)
        Supervisor first = start(new RecordingSink());
        long sleeper = pid(first, "sleeper");
        long family = pid(first, "family");
        Eventually.await("the family's two children", WAIT,
                () -> LiveProcesses.carrying(node.marker()).size() == 4);
        supervisors.remove(first);

        // when a new one starts on its state
        RecordingSink sink = new RecordingSink();
        Supervisor second = start(sink);

        // then it runs the same processes, has started none, and the state file is the owner's only
        assertThat(pid(second, "sleeper")).isEqualTo(sleeper);
        assertThat(pid(second, "family")).isEqualTo(family);
        assertThat(state(second, "sleeper")).isEqualTo(ProcessState.RUNNING);
        assertThat(sink.all(ProcessStarted.class)).isEmpty();
        assertThat(LiveProcesses.carrying(node.marker())).hasSize(4);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");

        // and stopping the re-adopted family kills its whole tree
        RestartOutcome stop = second.stop(GroupId.of("g"), null, StopMode.GRACEFUL).join();
        assertThat(stop.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(LiveProcesses.carrying(node.marker())).isEmpty();
    }

    @Test
    void readoptedProcessKilled_isReportedExitedWithStatusUnknown() {
        Supervisor first = start(new RecordingSink());
        long sleeper = pid(first, "sleeper");
        supervisors.remove(first);
        RecordingSink sink = new RecordingSink();
        Supervisor second = start(sink);

        long killedAt = System.nanoTime();
        assertThat(Posix.kill(sleeper, Posix.SIGKILL)).isTrue();

        // polled through /proc, since it is not the new supervisor's child: no exit code, no signal
        ProcessExited exited = sink.await(ProcessExited.class, e -> e.pid() == sleeper, WAIT);
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(sink.arrivedNanos(exited) - killedAt);
        System.out.printf("re-adopted exit detection: kill -9 -> ProcessExited in %d ms (poll every %d ms)%n",
                latencyMs, AdoptedWatcher.PERIOD_MS);
        assertThat(exited.statusUnknown()).isTrue();
        assertThat(exited.how()).isEqualTo("exit status unknown");
        assertThat(exited.expected()).isFalse();
        assertThat(state(second, "sleeper")).isEqualTo(ProcessState.EXITED);
    }

    @Test
    void recordedProcessGoneMeanwhile_isReportedExited_andLeftToTheEngine() throws IOException {
        RecordingSink firstSink = new RecordingSink();
        Supervisor first = start(firstSink);
        long sleeper = pid(first, "sleeper");
        supervisors.remove(first);
        byte[] beforeTheDeath = Files.readAllBytes(stateFile());
        Posix.kill(sleeper, Posix.SIGKILL);
        // the abandoned supervisor lives on in this JVM and records the exit; a killed agent could not
        firstSink.await(ProcessExited.class, e -> e.pid() == sleeper, WAIT);
        Files.write(stateFile(), beforeTheDeath);

        RecordingSink sink = new RecordingSink();
        Supervisor second = start(sink);

        ProcessExited exited = sink.await(ProcessExited.class, e -> e.pid() == sleeper, WAIT);
        assertThat(exited.statusUnknown()).isTrue();
        assertThat(exited.expected()).isFalse();
        assertThat(state(second, "sleeper")).isEqualTo(ProcessState.EXITED);   // not started again on its own
        assertThat(sink.all(ProcessStarted.class)).isEmpty();
    }

    @Test
    void recordedPidNowNamesAnotherProcess_isNotTrusted() throws Exception {
        // given a state file naming a live process with another start time (a reused PID)
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            Files.createDirectories(stateFile().getParent());
            Files.writeString(stateFile(), """
                    {"format":"respawn-agent-state","version":1,"node":"%s","command":null,"executed":[],
                     "components":[{"component":"sleeper","pid":%d,"startTicks":1,"marker":"%s.sleeper.0123456789ab",
                                    "token":"00","restartId":null,"startedAtMillis":0,"starts":1}]}
                    """.formatted(node.name(), stranger.pid(), node.name()));
            RecordingSink sink = new RecordingSink();

            Supervisor supervisor = start(sink);

            // then the stranger is left alone, the recorded run is reported gone, the other component started
            assertThat(sink.await(ProcessExited.class, e -> e.pid() == stranger.pid(), WAIT).statusUnknown())
                    .isTrue();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(state(supervisor, "family")).isEqualTo(ProcessState.RUNNING);
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void commandInterruptedByTheAgentsDeath_isFinishedOnceUnderItsDecision() throws IOException {
        // given the state of an agent killed in the middle of restarting group g for decision d-7
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), """
                {"format":"respawn-agent-state","version":1,"node":"%s",
                 "command":{"decision":"d-7","action":"restart","group":"g","components":["sleeper","family"]},
                 "executed":["d-6","d-7"],"components":[]}
                """.formatted(node.name()));
        RecordingSink sink = new RecordingSink();

        Supervisor supervisor = start(sink);

        // then both members start under d-7, its outcome is reported, and it counts as carried out
        assertThat(sink.all(ProcessStarted.class)).extracting(ProcessStarted::restartId).containsExactly("d-7", "d-7");
        RestartOutcome outcome = sink.await(RestartOutcome.class, o -> true, WAIT);
        assertThat(outcome.restartId()).isEqualTo("d-7");
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(supervisor.executed("d-7")).isTrue();
        assertThat(supervisor.executed("d-8")).isFalse();
        assertThat(Files.readString(stateFile())).contains("\"command\":null");
    }

    @Test
    void leftoverOfAnEarlierAgent_isKilledBeforeTheComponentStarts() throws Exception {
        // given a process of component sleeper that no state file records (started just before its agent died)
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().put("RESPAWN_INSTANCE", node.name() + ".sleeper.0123456789ab");
        builder.environment().put("RESPAWN_NODE", node.name());
        Process leftover = builder.start();

        Supervisor supervisor = start(new RecordingSink());

        assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(state(supervisor, "sleeper")).isEqualTo(ProcessState.RUNNING);
        assertThat(pid(supervisor, "sleeper")).isNotEqualTo(leftover.pid());
    }

    @Test
    void unreadableStateFile_isRefusedWithItsName_andNothingStarts() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "{\"format\":\"respawn-agent-state\",\"version\":1,\"node\":");

        assertThatThrownBy(() -> start(new RecordingSink()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(stateFile().toString())
                .hasMessageContaining("unreadable agent state");
        assertThat(LiveProcesses.carrying(node.marker())).isEmpty();
    }

    @Test
    void decisionsCarriedOut_areRememberedByTheNextSupervisor() {
        Supervisor first = start(new RecordingSink());
        first.restart(GroupId.of("g"), "d-1", StopMode.GRACEFUL).join();
        supervisors.remove(first);

        Supervisor second = start(new RecordingSink());

        assertThat(second.executed("d-1")).isTrue();
        assertThat(second.executed("d-2")).isFalse();
        assertThat(LiveProcesses.carrying(node.marker())).hasSize(4);    // re-adopted after the restart, no more
    }

    @Test
    void aSecondLiveSupervisorOfTheNode_onTheSameState_isRefused() {
        start(new RecordingSink());
        RestartMap map = node.map(MAP);

        assertThatThrownBy(() -> new Supervisor(map, settings(), new RecordingSink(), () -> "x",
                InstantSource.system(), ComponentListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(node.name() + ".lock - another agent of node " + node.name());
        assertThat(LiveProcesses.carrying(node.marker())).isNotEmpty();    // the first one's processes are left alone
    }
}
