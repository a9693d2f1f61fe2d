package io.respawn.agent.process;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, watches, stops and restarts the components the restart map declares for one
 * node — and only those: a command names a group or a component of the map, never a
 * command line.
 *
 * <p>Each component runs through {@code setsid}, leading a session and process group of
 * its own, and every process of its tree carries the marker {@code RESPAWN_INSTANCE}.
 * The JVM becomes a child subreaper, so orphans of a tree are re-parented to it, found
 * and reaped. An exit is reported at once as ProcessExited, with {@code expected} true
 * only when the supervisor had asked the process to stop; the supervisor never restarts
 * on its own: the engine decides.
 *
 * <p>Commands run one at a time, in the order given, on a thread of their own; each
 * returns its {@link RestartOutcome} (also reported to the sink). Observations go to the
 * sink from several threads: the sink must be thread-safe and must not block.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

    private final RestartMap map;
    private final String node;
    private final Map<ComponentId, Slot> slots = new LinkedHashMap<>();
    private final Launcher launcher;
    private final Commands commands;
    private final StateFile state;
    private final ExecutorService commandThread;
    private volatile boolean closed;

    /**
     * @param ids   the id of each observation, unique within the fact log (e.g. {@code node:seq})
     * @param clock the agent's clock: the {@code at} and {@code observedAt} of observations
     */
    public Supervisor(RestartMap map, SupervisorSettings settings, Consumer<Observation> sink, Supplier<String> ids,
                      InstantSource clock, ComponentListener listener) {
        this.map = map;
        this.node = settings.node();
        for (Component component : map.startOrder(map.root().id())) {
            if (component.node().equals(node)) {
                slots.put(component.id(), new Slot(component, map.smallestGroupOf(component.id())));
            }
        }
        OrphanReaper reaper = OrphanReaper.shared();
        Reports reports = new Reports(node, sink, ids, clock);
        this.state = StateFile.open(settings.stateDir(), node);
        this.launcher = new Launcher(settings, reaper);
        this.commands = new Commands(launcher, new TreeKiller(reports, reaper), reports, reaper, listener, state,
                settings.ledger(), List.copyOf(slots.values()));
        this.commandThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "respawn-commands-" + node);
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("supervisor ready: node={} components={} map={}", node, slots.size(), map.source());
    }

    /**
     * Starts every component of this node in {@code after:} order and returns once each was
     * started (or failed to). With a state directory, what an earlier life of the agent left
     * is taken over first: its processes that still run are re-adopted, not started again;
     * those that ended meanwhile are reported as exited (status unknown) and left to the
     * engine; a command it was killed in the middle of is finished once.
     */
    public void startAll() {
        await(submit(() -> {
            commands.recover();
            return null;
        }), Duration.ofMinutes(1));
    }

    /** True if the engine decision {@code decision} was carried out here, by this agent or an earlier life of it. */
    public boolean executed(String decision) {
        return state.executed(decision);
    }

    /** True if the map has the group and it holds at least one component of this node. */
    public boolean declares(GroupId group) {
        return map.group(group).isPresent() && !members(group).isEmpty();
    }

    /** True if the map declares the component on this node. */
    public boolean declares(ComponentId component) {
        return slots.containsKey(component);
    }

    /**
     * Stops every member of {@code group} on this node, then starts them again in
     * {@code after:} order, temporary components excepted.
     *
     * @param restartId the engine's decision, carried into ProcessStarted and the outcome; may be null
     * @throws IllegalArgumentException if {@link #declares(GroupId)} is false
     */
    public CompletableFuture<RestartOutcome> restart(GroupId group, String restartId, StopMode mode) {
        List<Slot> members = requireMembers(group);
        return submit(() -> commands.restart(group, members, restartId, mode));
    }

    /** Stops and starts one component; the outcome names its smallest group. */
    public CompletableFuture<RestartOutcome> restart(ComponentId component, String restartId, StopMode mode) {
        Slot slot = requireSlot(component);
        return submit(() -> commands.restart(slot.group(), List.of(slot), restartId, mode));
    }

    public CompletableFuture<RestartOutcome> stop(GroupId group, String restartId, StopMode mode) {
        List<Slot> members = requireMembers(group);
        return submit(() -> commands.stop(group, members, restartId, mode));
    }

    public CompletableFuture<RestartOutcome> stop(ComponentId component, String restartId, StopMode mode) {
        Slot slot = requireSlot(component);
        return submit(() -> commands.stop(slot.group(), List.of(slot), restartId, mode));
    }

    /** Starts the members that are not running, in {@code after:} order (temporary ones too). */
    public CompletableFuture<RestartOutcome> start(GroupId group, String restartId) {
        List<Slot> members = requireMembers(group);
        return submit(() -> commands.start(group, members, restartId));
    }

    public CompletableFuture<RestartOutcome> start(ComponentId component, String restartId) {
        Slot slot = requireSlot(component);
        return submit(() -> commands.start(slot.group(), List.of(slot), restartId));
    }

    /** The process table: one entry per component of this node, in start order. */
    public List<ProcessEntry> table() {
        return slots.values().stream().map(slot -> slot.entry(node)).toList();
    }

    /** The component's process, if it runs now. */
    public Optional<RunningProcess> running(ComponentId component) {
        return Optional.ofNullable(slots.get(component)).flatMap(Slot::running).map(RunningProcess::new);
    }

    /** Every component process that runs now. */
    public List<RunningProcess> running() {
        return slots.values().stream().flatMap(slot -> slot.running().stream()).map(RunningProcess::new).toList();
    }

    /**
     * Lets the node's state lock go without stopping anything, as the kernel does when the
     * agent is killed: for tests that abandon a supervisor in this JVM and start its successor.
     */
    void dropStateLock() {
        state.dropLock();
    }

    /** Stops every component (gracefully) and sweeps their trees; nothing of them is left running. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration longestGrace = slots.values().stream().map(slot -> slot.component().stopGrace())
                .max(Duration::compareTo).orElse(Duration.ZERO);
        try {
            CompletableFuture<TreeKiller.Result> stopped = CompletableFuture.supplyAsync(
                    () -> commands.stopAll(new ArrayList<>(slots.values()), StopMode.GRACEFUL), commandThread);
            TreeKiller.Result result = await(stopped, longestGrace.plus(CLOSE_MARGIN));
            state.save(slots.values());    // nothing runs: a new agent has nothing to adopt
            LOG.info("supervisor closed: node={} killedHard={} problems={}", node, result.killedHard(),
                    result.problems());
        } finally {
            commandThread.shutdown();
            launcher.close();
            state.close();
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<T> command) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("supervisor " + node + " - closed"));
        }
        try {
            return CompletableFuture.supplyAsync(command, commandThread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("supervisor " + node + " - closed", e));
        }
    }

    private List<Slot> members(GroupId group) {
        if (map.group(group).isEmpty()) {
            return List.of();
        }
        return map.startOrder(group).stream().map(c -> slots.get(c.id())).filter(slot -> slot != null).toList();
    }

    private List<Slot> requireMembers(GroupId group) {
        List<Slot> members = members(group);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("group " + group + " - refused: no component of node " + node
                    + " in it (map " + map.source() + ")");
        }
        return members;
    }

    private Slot requireSlot(ComponentId component) {
        Slot slot = slots.get(component);
        if (slot == null) {
            throw new IllegalArgumentException("component " + component + " - refused: not declared for node "
                    + node + " (map " + map.source() + ")");
        }
        return slot;
    }

    private static <T> T await(CompletableFuture<T> future, Duration limit) {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("supervisor - interrupted while waiting for a command", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("supervisor - command failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("supervisor - command did not finish: " + limit.toMillis()
                    + "ms (limit)", e);
        }
    }
}
