package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.agent.LiveProcesses;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts of groups and components, and the commands an agent refuses. */
class SupervisorRestartTest {
    private static final String MAP = """
            version: 1
            defaults: {node: @NODE@, stopGrace: 1s}
            root:
              group: room
              children:
                - group: apps
                  children:
                    - {component: viewer, command: [sleep, "300"], after: [heap]}
                    - {component: heap, command: [sleep, "301"]}
                    - {component: oneshot, command: [sleep, "302"], restart: temporary}
                - {component: logger, command: [sleep, "303"]}
                - {component: elsewhere, node: other-node, command: [sleep, "304"]}
            """;

    @TempDir
    Path logs;
    SupervisorFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new SupervisorFixture(logs);
        fixture.start(MAP);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void groupRestart_restartsMembersInAfterOrderWithNewPidsAndReportsTheOutcome() {
        // given the first start, in after: order (heap before viewer)
        assertThat(startedNames()).containsExactly("heap", "viewer", "oneshot", "logger");
        Map<String, Long> before = pids();

        // when the engine restarts the group "apps"
        RestartOutcome outcome = fixture.supervisor.restart(GroupId.of("apps"), "d-42", StopMode.GRACEFUL).join();

        // then heap and viewer run again under new PIDs, heap first; the temporary one stays stopped
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(outcome.group()).isEqualTo(GroupId.of("apps"));
        assertThat(outcome.restartId()).isEqualTo("d-42");
        assertThat(outcome.killedHard()).isEmpty();
        List<ProcessStarted> restarted = fixture.sink.all(ProcessStarted.class).stream()
                .filter(s -> "d-42".equals(s.restartId())).toList();
        assertThat(restarted).extracting(s -> s.component().name()).containsExactly("heap", "viewer");
        assertThat(restarted).allMatch(s -> s.pid() != before.get(s.component().name()));
        assertThat(LiveProcesses.alive(before.get("heap"))).isFalse();
        assertThat(LiveProcesses.alive(before.get("oneshot"))).isFalse();
        assertThat(state("oneshot")).isEqualTo(ProcessState.STOPPED);
        assertThat(state("viewer")).isEqualTo(ProcessState.RUNNING);
        // logger, outside the group, was not touched
        assertThat(fixture.supervisor.table().stream().filter(e -> e.component().name().equals("logger"))
                .findFirst().orElseThrow().pid()).isEqualTo(before.get("logger"));
        // and the facts arrive in order: the old processes' exits (expected), the new starts, the outcome
        List<Observation> tail = fixture.sink.all().subList(4, fixture.sink.all().size());
        assertThat(tail).extracting(o -> o.getClass().getSimpleName()).containsExactly("ProcessExited",
                "ProcessExited", "ProcessExited", "ProcessStarted", "ProcessStarted", "RestartOutcome");
        assertThat(fixture.sink.all(ProcessExited.class)).allMatch(ProcessExited::expected);
    }

    @Test
    void componentRestart_restartsOnlyThatComponentAndNamesItsGroup() {
        // given
        Map<String, Long> before = pids();

        // when one component is restarted (an inferred dependent)
        RestartOutcome outcome = fixture.supervisor.restart(ComponentId.of("viewer"), "d-43", StopMode.GRACEFUL)
                .join();

        // then only it has a new PID
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(outcome.group()).isEqualTo(GroupId.of("apps"));
        Map<String, Long> after = pids();
        assertThat(after.get("viewer")).isNotEqualTo(before.get("viewer"));
        assertThat(after.get("heap")).isEqualTo(before.get("heap"));
        assertThat(fixture.sink.first(ProcessStarted.class, s -> "d-43".equals(s.restartId()))).get()
                .satisfies(s -> assertThat(s.pid()).isEqualTo(after.get("viewer")));
    }

    @Test
    void restartOfAnExitedComponent_startsItAgain() {
        // given a component that was killed from outside
        long old = pids().get("logger");
        Posix.kill(old, Posix.SIGKILL);
        fixture.sink.await(ProcessExited.class, e -> e.pid() == old, Duration.ofSeconds(2));

        // when the engine restarts it
        RestartOutcome outcome = fixture.supervisor.restart(ComponentId.of("logger"), "d-44", StopMode.IMMEDIATE)
                .join();

        // then it runs again and its unexpected exit was reported once
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(state("logger")).isEqualTo(ProcessState.RUNNING);
        assertThat(fixture.sink.all(ProcessExited.class)).hasSize(1).allMatch(e -> !e.expected());
    }

    @Test
    void commandsNamingWhatTheNodeDoesNotRun_areRefused() {
        // a component of another node, an unknown component, an unknown group
        assertThat(fixture.supervisor.declares(ComponentId.of("elsewhere"))).isFalse();
        assertThatThrownBy(() -> fixture.supervisor.restart(ComponentId.of("elsewhere"), "d-1", StopMode.GRACEFUL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elsewhere - refused");
        assertThatThrownBy(() -> fixture.supervisor.stop(ComponentId.of("nosuch"), "d-1", StopMode.GRACEFUL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.supervisor.restart(GroupId.of("nogroup"), "d-1", StopMode.GRACEFUL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nogroup - refused");
        assertThat(fixture.supervisor.declares(GroupId.of("apps"))).isTrue();
    }

    private List<String> startedNames() {
        return fixture.sink.all(ProcessStarted.class).stream().map(s -> s.component().name()).toList();
    }

    private Map<String, Long> pids() {
        return fixture.supervisor.table().stream()
                .collect(Collectors.toMap(e -> e.component().name(), ProcessEntry::pid));
    }

    private ProcessState state(String component) {
        return fixture.supervisor.table().stream().filter(e -> e.component().name().equals(component))
                .findFirst().orElseThrow().state();
    }
}
