package io.respawn.agent;

import io.respawn.agent.heartbeat.HeartbeatCounters;
import io.respawn.agent.heartbeat.HeartbeatReceiver;
import io.respawn.agent.metrics.OsSampler;
import io.respawn.agent.process.ComponentListener;
import io.respawn.agent.process.LaunchMechanism;
import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.StopMode;
import io.respawn.agent.process.Supervisor;
import io.respawn.agent.process.SupervisorSettings;
import io.respawn.agent.table.TableServer;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node side of respawn, a Re/Starter: for one node of a restart map it starts the
 * components declared there, watches them (exits, heartbeats, OS samples), serves the
 * process table, and carries out the engine's commands. Every observation goes to the
 * sink given at start; the sink is called from several threads and must not block.
 *
 * <p>Commands name a group or a component of the map and never a command line; a name
 * this node does not run is refused with {@link IllegalArgumentException} (check with
 * {@link #declares}). Each command returns its {@link RestartOutcome}, which is also
 * reported to the sink. {@link #close()} stops every component and leaves no process.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    private final String node;
    private final List<AutoCloseable> parts;
    private final Supervisor supervisor;
    private final HeartbeatReceiver heartbeats;
    private final TableServer table;

    private NodeAgent(String node, Supervisor supervisor, HeartbeatReceiver heartbeats, TableServer table,
                      List<AutoCloseable> parts) {
        this.node = node;
        this.supervisor = supervisor;
        this.heartbeats = heartbeats;
        this.table = table;
        this.parts = parts;
    }

    /** Starts the agent for {@code node}, with no work tied to process lifetimes. */
    public static NodeAgent start(RestartMap map, String node, AgentSettings settings, Consumer<Observation> sink)
            throws IOException {
        return start(map, node, settings, sink, ComponentListener.NONE);
    }

    /**
     * Binds the heartbeat receiver and the process table, then starts every component of
     * {@code node} in {@code after:} order, and returns once they are started.
     *
     * @param lifecycle told when each component's process starts and ends (where probes are scheduled)
     * @throws IOException if an address cannot be bound; nothing is left running then
     */
    public static NodeAgent start(RestartMap map, String node, AgentSettings settings, Consumer<Observation> sink,
                                  ComponentListener lifecycle) throws IOException {
        LaunchMechanism.preferVfork();
        Instant startedAt = settings.clock().instant();
        Supplier<String> ids = ids(node, startedAt);
        Deque<AutoCloseable> opened = new ArrayDeque<>();    // closed last-opened first
        try {
            HeartbeatReceiver heartbeats = HeartbeatReceiver.open(settings.heartbeat(), node, sink, ids,
                    settings.clock());
            opened.push(heartbeats);
            Supervisor supervisor = new Supervisor(map, supervisorSettings(node, settings, heartbeats.address()), sink,
                    ids, settings.clock(), lifecycle);
            opened.push(supervisor);
            heartbeats.start(new NodeSenderCheck(supervisor));
            TableServer table = TableServer.open(settings.table(), node, startedAt, supervisor::table,
                    settings.clock());
            opened.push(table);
            OsSampler sampler = new OsSampler(supervisor::running, settings.sampleInterval(), sink, ids,
                    settings.clock());
            opened.push(sampler);
            sampler.start();
            supervisor.startAll();
            LOG.info("agent started: node={} components={} heartbeats={} table={}", node, supervisor.table().size(),
                    heartbeats.address(), table.address());
            return new NodeAgent(node, supervisor, heartbeats, table, List.copyOf(opened));
        } catch (IOException | RuntimeException e) {
            closeAll(List.copyOf(opened));
            throw e;
        }
    }

    public String node() {
        return node;
    }

    /** Where components send heartbeats (given to them as RESPAWN_HEARTBEAT_HOST and _PORT). */
    public InetSocketAddress heartbeatAddress() {
        return heartbeats.address();
    }

    /** Where the process table is served. */
    public InetSocketAddress tableAddress() {
        return table.address();
    }

    /** True if the group is in the map and holds a component of this node. */
    public boolean declares(GroupId group) {
        return supervisor.declares(group);
    }

    /** True if the map declares the component on this node. */
    public boolean declares(ComponentId component) {
        return supervisor.declares(component);
    }

    /**
     * Restarts a group: stops all its members on this node, starts them again in
     * {@code after:} order (temporary components stay stopped).
     *
     * @param restartId the engine's decision id, carried into ProcessStarted and the outcome (null if none)
     * @param mode      {@link StopMode#IMMEDIATE} for a restart decided because of a hang
     */
    public CompletableFuture<RestartOutcome> restartGroup(GroupId group, String restartId, StopMode mode) {
        return supervisor.restart(group, restartId, mode);
    }

    /** Restarts one component (an inferred dependent); the outcome names its smallest group. */
    public CompletableFuture<RestartOutcome> restartComponent(ComponentId component, String restartId,
                                                              StopMode mode) {
        return supervisor.restart(component, restartId, mode);
    }

    public CompletableFuture<RestartOutcome> stopGroup(GroupId group, String restartId, StopMode mode) {
        return supervisor.stop(group, restartId, mode);
    }

    public CompletableFuture<RestartOutcome> stopComponent(ComponentId component, String restartId, StopMode mode) {
        return supervisor.stop(component, restartId, mode);
    }

    /** Starts the group's members that are not running, in {@code after:} order. */
    public CompletableFuture<RestartOutcome> startGroup(GroupId group, String restartId) {
        return supervisor.start(group, restartId);
    }

    public CompletableFuture<RestartOutcome> startComponent(ComponentId component, String restartId) {
        return supervisor.start(component, restartId);
    }

    /** True if the engine decision was carried out on this node, by this agent or an earlier life of it. */
    public boolean executed(String decision) {
        return supervisor.executed(decision);
    }

    /** The process table, as the TCP table server serves it. */
    public List<ProcessEntry> processTable() {
        return supervisor.table();
    }

    public HeartbeatCounters heartbeatCounters() {
        return heartbeats.counters();
    }

    /** Stops the sampler and the table, every component (gracefully, sweeping their trees), then the receiver. */
    @Override
    public void close() {
        closeAll(parts);
        LOG.info("agent closed: node={}", node);
    }

    /**
     * Observation ids {@code <node>:<run>-<seq>}: {@code run} is the agent's start time in
     * base 36, so that ids stay unique in the engine's journal across agent restarts.
     */
    private static Supplier<String> ids(String node, Instant startedAt) {
        String prefix = node + ":" + Long.toString(startedAt.toEpochMilli(), 36) + "-";
        AtomicLong seq = new AtomicLong();
        return () -> prefix + seq.incrementAndGet();
    }

    private static SupervisorSettings supervisorSettings(String node, AgentSettings settings,
                                                         InetSocketAddress heartbeats) {
        String host = heartbeats.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : heartbeats.getAddress().getHostAddress();
        return new SupervisorSettings(node, settings.logDir(), settings.logMaxBytes(), settings.logFiles(), host,
                heartbeats.getPort(), settings.stateDir(), settings.ledger());
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("agent part failed to close: part={}", part.getClass().getSimpleName(), e);
            }
        }
    }
}
