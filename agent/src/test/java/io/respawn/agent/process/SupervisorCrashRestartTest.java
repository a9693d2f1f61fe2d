package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.Eventually;
import io.respawn.agent.LiveProcesses;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarting a component whose process already exited: its group is empty, so the new run
 * starts without a stop, and the sweep that follows still finds what escaped the group.
 */
class SupervisorCrashRestartTest {
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
    void crashedComponentWithAnEscapedChild_startsAgainAndTheSweepKillsAndReportsTheEscapee() {
        // given a component whose child left its process group (setsid), and whose main process is then killed
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - component: leaky
                      node: @NODE@
                      stopGrace: 2s
                      command: [sh, -c, 'setsid sleep 311 & exec sleep 312']
                """);
        ProcessStarted started = fixture.started("leaky");
        long escapee = Eventually.awaitValue("the escaped child", Duration.ofSeconds(5), () -> {
            List<Long> pids = LiveProcesses.carrying("RESPAWN_COMPONENT=leaky");
            return pids.stream().filter(p -> LiveProcesses.commandLine(p).equals("sleep 311")).findFirst()
                    .filter(p -> LiveProcesses.commandLine(started.pid()).equals("sleep 312"));
        });
        Posix.kill(started.pid(), Posix.SIGKILL);
        fixture.sink.await(ProcessExited.class, e -> e.pid() == started.pid(), Duration.ofSeconds(2));

        // when the engine restarts it
        RestartOutcome outcome = fixture.supervisor.restart(ComponentId.of("leaky"), "d-51", StopMode.GRACEFUL)
                .join();

        // then a new run is up, the escapee is gone and reported as killed, and the old exit was not asked for
        ProcessStarted again = fixture.sink.await(ProcessStarted.class, s -> "d-51".equals(s.restartId()),
                Duration.ofSeconds(1));
        assertThat(again.pid()).isNotEqualTo(started.pid());
        assertThat(LiveProcesses.alive(again.pid())).isTrue();
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(outcome.killedHard()).containsExactly(fixture.node.name() + ":" + escapee);
        Eventually.await("the escapee dead", Duration.ofSeconds(3), () -> !LiveProcesses.alive(escapee));
        assertThat(fixture.sink.all(ProcessExited.class)).hasSize(1).allMatch(e -> !e.expected());
        assertThat(fixture.supervisor.running(ComponentId.of("leaky"))).map(RunningProcess::pid)
                .isEqualTo(Optional.of(again.pid()));
    }
}
