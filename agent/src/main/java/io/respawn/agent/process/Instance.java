package io.respawn.agent.process;

import io.respawn.facts.ProcessExited;
import io.respawn.facts.map.Component;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a component: the process the agent spawned (or, after the agent itself was
 * restarted, re-adopted) and what identifies its tree. The main process leads its own
 * session and process group (its PID is their id), and every descendant inherits the
 * marker {@code RESPAWN_INSTANCE=<marker>} in its environment. A re-adopted run has no
 * {@link Process}: it is not this JVM's child, and its exit status cannot be known.
 */
final class Instance {
    private final Component component;
    private final Process process;
    private final long pid;
    private final long startTicks;
    private final Instant startedAt;
    private final String marker;
    private final String token;
    private final String restartId;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CompletableFuture<ProcessExited> exit = new CompletableFuture<>();

    /**
     * @param startTicks the main process's start time from /proc, or -1 if it ended before it was read
     * @param restartId  the decision this start carries out, or null
     */
    Instance(Component component, Process process, long startTicks, Instant startedAt, String marker, String token,
             String restartId) {
        this(component, process, process.pid(), startTicks, startedAt, marker, token, restartId);
    }

    private Instance(Component component, Process process, long pid, long startTicks, Instant startedAt,
                     String marker, String token, String restartId) {
        this.component = component;
        this.process = process;
        this.pid = pid;
        this.startTicks = startTicks;
        this.startedAt = startedAt;
        this.marker = marker;
        this.token = token;
        this.restartId = restartId;
    }

    /** A run started by an earlier life of the agent, found alive under its recorded PID and start time. */
    static Instance adopted(Component component, long pid, long startTicks, Instant startedAt, String marker,
                            String token, String restartId) {
        return new Instance(component, null, pid, startTicks, startedAt, marker, token, restartId);
    }

    Component component() {
        return component;
    }

    /** The JDK's handle, absent for a re-adopted run. */
    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    boolean isAdopted() {
        return process == null;
    }

    long pid() {
        return pid;
    }

    String marker() {
        return marker;
    }

    String token() {
        return token;
    }

    long startTicks() {
        return startTicks;
    }

    Instant startedAt() {
        return startedAt;
    }

    Optional<Instant> processStartedAt() {
        return startTicks < 0 ? Optional.empty() : Optional.of(ProcFs.startInstant(startTicks));
    }

    Optional<String> restartId() {
        return Optional.ofNullable(restartId);
    }

    /** The environment entry every process of this run's tree carries. */
    String markerEntry() {
        return "RESPAWN_INSTANCE=" + marker;
    }

    /** Compares in constant time, so the comparison says nothing about how much of a guess was right. */
    boolean tokenMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** True if {@code stat} is this run's main process, not a later process given the same PID. */
    boolean isMain(ProcStat stat) {
        return stat.pid() == pid() && startTicks >= 0 && stat.startTicks() == startTicks;
    }

    /** Marks the coming exit as asked for; true the first time. */
    boolean requestStop() {
        return stopRequested.compareAndSet(false, true);
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /** Completes once the exit has been reported. */
    CompletableFuture<ProcessExited> exit() {
        return exit;
    }

    @Override
    public String toString() {
        return component.name() + "[pid " + pid() + "]";
    }
}
