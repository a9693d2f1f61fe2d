package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.Eventually;
import io.respawn.agent.LiveProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orphans re-parented to the agent (a child subreaper) are reaped, not left as zombies. */
class OrphanReaperTest {
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
    void doubleForkedGrandchildThatEndsOnItsOwn_isReapedByTheAgent() {
        // given a component whose grandchild is orphaned (its parent exits at once), prints its PID,
        // lives a little and ends by itself
        fixture.start("""
                version: 1
                root:
                  group: g
                  children:
                    - component: forker
                      node: @NODE@
                      command: [sh, -c, 'perl -e "exit 0 if fork; print qq(orphan \\$\\$\\n); sleep 1"; exec sleep 300']
                """);
        long orphan = Eventually.awaitValue("the orphan's PID in the log", Duration.ofSeconds(5), () -> {
            try {
                return Files.readAllLines(logs.resolve("forker.log")).stream().filter(l -> l.startsWith("orphan "))
                        .map(l -> Long.parseLong(l.substring(7).trim())).findFirst();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
        // it was re-parented to this JVM, the subreaper
        Eventually.await("the orphan re-parented to the agent", Duration.ofSeconds(2),
                () -> ProcFs.stat(orphan).map(s -> s.ppid() == ProcFs.SELF).orElse(true));

        // then once it ends, it does not stay a zombie
        Eventually.await("the orphan gone from /proc", Duration.ofSeconds(5),
                () -> !Files.exists(Path.of("/proc", Long.toString(orphan))));
        assertThat(LiveProcesses.alive(orphan)).isFalse();
        assertThat(List.of(orphan)).noneMatch(p -> Files.exists(Path.of("/proc", Long.toString(p))));
    }
}
