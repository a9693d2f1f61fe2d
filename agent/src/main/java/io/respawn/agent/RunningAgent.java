package io.respawn.agent;

import io.respawn.agent.link.CommandHandler;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.ComponentListener;
import io.respawn.agent.process.LaunchMechanism;
import io.respawn.agent.process.StopMode;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.facts.map.RestartMap;
import io.respawn.probes.schedule.ProbeScheduler;
import io.respawn.wire.Command;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole agent as {@code respawn agent} runs it: the {@link NodeAgent} for one node,
 * its end-to-end probes, and the {@link EngineLink} that carries observations to the
 * engine and commands back. Commands are checked against what this node's map declares;
 * anything else is refused.
 */
public final class RunningAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningAgent.class);
    private static final int PROBE_THREADS = 4;
    private static final Duration START_WAIT = Duration.ofMinutes(2);

    private final EngineLink link;
    private final ProbeScheduler probes;
    private final NodeAgent agent;

    private RunningAgent(EngineLink link, ProbeScheduler probes, NodeAgent agent) {
        this.link = link;
        this.probes = probes;
        this.agent = agent;
    }

    /** Connects to the engine (in the background) and starts every component of {@code node}. */
    public static RunningAgent start(RestartMap map, String node, AgentSettings settings,
                                     EngineLink.Settings engine) throws IOException {
        LaunchMechanism.preferVfork();    // the link and the probes come first here; NodeAgent.start is too late
        NodeAgent[] started = new NodeAgent[1];
        CountDownLatch up = new CountDownLatch(1);
        // the link may deliver a command (one the engine kept for this node) before the components are taken
        // over and started: the command thread waits for that, so the command is neither lost nor run twice
        EngineLink link = new EngineLink(engine, new CommandHandler() {
            @Override
            public Optional<String> execute(Command command) {
                return awaitStarted(up) ? RunningAgent.execute(started[0], command)
                        : Optional.of("the agent did not finish starting within " + START_WAIT.toSeconds() + "s");
            }

            @Override
            public boolean executed(String decision) {
                return awaitStarted(up) && started[0].executed(decision);
            }
        });
        AtomicLong probeIds = new AtomicLong();
        ProbeScheduler probes = new ProbeScheduler(PROBE_THREADS, settings.clock(), report -> link.send(
                report.toFact(node + ":probe:" + probeIds.incrementAndGet(), settings.clock().instant())));
        link.start();
        try {
            started[0] = NodeAgent.start(map, node, settings, link::send, new ComponentListener() {
                @Override
                public void started(Component component, long pid) {
                    for (ProbeSpec spec : component.probes()) {
                        probes.schedule(component.id(), spec);
                    }
                }

                @Override
                public void stopped(Component component, long pid) {
                    probes.cancel(component.id());
                }
            });
        } catch (IOException | RuntimeException e) {
            probes.close();
            link.close();
            throw e;
        }
        up.countDown();
        return new RunningAgent(link, probes, started[0]);
    }

    private static boolean awaitStarted(CountDownLatch up) {
        try {
            return up.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public NodeAgent node() {
        return agent;
    }

    public EngineLink link() {
        return link;
    }

    /** Carries out one command of the engine: only groups and components this node declares. */
    static Optional<String> execute(NodeAgent agent, Command command) {
        StopMode mode = command.mode() == Command.StopMode.IMMEDIATE ? StopMode.IMMEDIATE : StopMode.GRACEFUL;
        try {
            switch (command.action()) {
                case RESTART_GROUP -> {
                    GroupId group = GroupId.of(command.target());
                    if (!agent.declares(group)) {
                        return Optional.of("no group " + command.target() + " runs on this node");
                    }
                    agent.restartGroup(group, command.decision(), mode).join();
                }
                case RESTART_COMPONENT -> {
                    ComponentId component = ComponentId.of(command.target());
                    if (!agent.declares(component)) {
                        return Optional.of("no component " + command.target() + " runs on this node");
                    }
                    agent.restartComponent(component, command.decision(), mode).join();
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void close() {
        probes.close();
        agent.close();
        link.close();
        LOG.info("agent stopped node={}", agent.node());
    }
}
