package io.respawn.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.agent.RecordingSink;
import io.respawn.agent.TestNode;
import io.respawn.agent.process.ComponentListener;
import io.respawn.agent.process.Supervisor;
import io.respawn.agent.process.SupervisorSettings;
import io.respawn.facts.OsSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsSamplerTest {
    @TempDir
    Path logs;
    final TestNode node = new TestNode();
    final RecordingSink sink = new RecordingSink();
    final AtomicLong seq = new AtomicLong();
    Supervisor supervisor;
    OsSampler sampler;

    @AfterEach
    void tearDown() {
        try {
            if (sampler != null) {
                sampler.close();
            }
            if (supervisor != null) {
                supervisor.close();
            }
        } finally {
            node.killLeftovers();
        }
    }

    @Test
    void busyAndIdleProcesses_areSampledWithCpuOverOneSecondWindows() {
        // given a process spinning on a core and one asleep
        supervisor = new Supervisor(node.map("""
                version: 1
                defaults: {node: @NODE@}
                root:
                  group: g
                  children:
                    - {component: busy, command: [perl, -e, 'while (1) {}']}
                    - {component: idle, command: [sleep, "300"]}
                """), new SupervisorSettings(node.name(), logs, 65536, 2, "127.0.0.1", 9), sink,
                () -> "n:" + seq.incrementAndGet(), InstantSource.system(), ComponentListener.NONE);
        supervisor.startAll();

        // when they are sampled every second
        sampler = new OsSampler(supervisor::running, Duration.ofSeconds(1), sink, () -> "n:" + seq.incrementAndGet(),
                InstantSource.system());
        sampler.start();

        // then each gets samples: the busy one uses CPU, the idle one none; both have resident memory
        OsSample busy = sink.await(OsSample.class, s -> s.component().name().equals("busy"), Duration.ofSeconds(10));
        OsSample idle = sink.await(OsSample.class, s -> s.component().name().equals("idle"), Duration.ofSeconds(10));
        System.out.printf("os samples: busy cpu=%.1f%% rss=%d, idle cpu=%.1f%% rss=%d%n", busy.cpuPercent(),
                busy.rssBytes(), idle.cpuPercent(), idle.rssBytes());
        assertThat(busy.cpuPercent()).isGreaterThan(20.0);
        assertThat(idle.cpuPercent()).isLessThan(5.0);
        assertThat(List.of(busy, idle)).allMatch(s -> s.rssBytes() > 0 && s.threads() == 1);
    }

    @Test
    void intervalShorterThanASecond_isRefused() {
        assertThatThrownBy(() -> new OsSampler(List::of, Duration.ofMillis(500), sink, () -> "x", InstantSource.system()))
                .hasMessageContaining("must be at least 1s");
    }
}
