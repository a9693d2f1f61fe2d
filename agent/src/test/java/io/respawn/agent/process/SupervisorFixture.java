package io.respawn.agent.process;

import io.respawn.agent.RecordingSink;
import io.respawn.agent.TestNode;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.map.RestartMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A supervisor on a test node of its own, its sink, and the clean-up that leaves nothing behind. */
final class SupervisorFixture implements AutoCloseable {
    final TestNode node = new TestNode();
    final RecordingSink sink = new RecordingSink();
    final Path logDir;
    private final AtomicLong seq = new AtomicLong();
    Supervisor supervisor;

    SupervisorFixture(Path logDir) {
        this.logDir = logDir;
    }

    /** Starts a supervisor for the map (@NODE@ stands for the test node) and all its components. */
    Supervisor start(String yaml) {
        RestartMap map = node.map(yaml);
        SupervisorSettings settings = new SupervisorSettings(node.name(), logDir, 64 * 1024, 3, "127.0.0.1", 9);
        supervisor = new Supervisor(map, settings, sink, () -> node.name() + ":" + seq.incrementAndGet(),
                InstantSource.system(), ComponentListener.NONE);
        supervisor.startAll();
        return supervisor;
    }

    /** The latest ProcessStarted of the component, waiting a little for it. */
    ProcessStarted started(String component) {
        return sink.await(ProcessStarted.class, s -> s.component().equals(ComponentId.of(component)),
                Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        try {
            if (supervisor != null) {
                supervisor.close();
            }
        } finally {
            node.killLeftovers();
        }
    }
}
