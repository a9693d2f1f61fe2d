package io.respawn.agent.process;

import io.respawn.facts.ComponentId;
import java.time.Instant;
import java.util.Optional;

/**
 * A handle on the process a component runs as now: enough to check who may speak for it
 * (its heartbeat token, its process tree) and whether a PID still means it. A handle
 * never changes: after a restart, ask the supervisor for a new one.
 */
public final class RunningProcess {
    private final Instance instance;

    RunningProcess(Instance instance) {
        this.instance = instance;
    }

    public ComponentId component() {
        return instance.component().id();
    }

    /** The PID of the component's main process: the one in ProcessStarted. */
    public long pid() {
        return instance.pid();
    }

    /** When the kernel started it, if known. */
    public Optional<Instant> processStartedAt() {
        return instance.processStartedAt();
    }

    /** True if {@code token} is the heartbeat token this process was given (compared in constant time). */
    public boolean tokenMatches(String token) {
        return instance.tokenMatches(token);
    }

    /**
     * True while this process runs under its PID: false once it has ended, even if the
     * PID has been given to another process since.
     */
    public boolean isCurrent() {
        return !instance.exit().isDone() && ProcFs.stat(pid()).filter(instance::isMain)
                .filter(stat -> !stat.isZombie()).isPresent();
    }

    /**
     * True if {@code pid} is a live process of this process's tree: the process itself, a
     * descendant, or a process carrying its RESPAWN_INSTANCE marker (which survives
     * {@code setsid} and double forks).
     */
    public boolean hasMember(long pid) {
        if (pid == pid()) {
            return isCurrent();
        }
        return ProcFs.stat(pid).filter(stat -> !stat.isZombie())
                .filter(stat -> ProcFs.hasEnv(pid, instance.markerEntry()) || descendsFromMain(stat))
                .isPresent();
    }

    private boolean descendsFromMain(ProcStat stat) {
        ProcStat at = stat;
        for (int depth = 0; depth < 64 && at.ppid() > 1; depth++) {
            if (at.ppid() == pid()) {
                return isCurrent();
            }
            Optional<ProcStat> parent = ProcFs.stat(at.ppid());
            if (parent.isEmpty()) {
                return false;
            }
            at = parent.get();
        }
        return false;
    }

    @Override
    public String toString() {
        return instance.toString();
    }
}
