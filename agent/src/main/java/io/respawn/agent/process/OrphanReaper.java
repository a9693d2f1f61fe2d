package io.respawn.agent.process;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the exit status of orphans re-parented to this JVM. As a child subreaper the
 * JVM inherits every descendant whose parent dies (a double fork, a shell killed before
 * its children); nobody waits for them, so each would stay a zombie.
 *
 * <p>It waits only for specific PIDs, never {@code waitpid(-1)}: the JDK waits for the
 * processes it spawned itself, and taking their status would break {@link Process}. A
 * zombie child is reaped at once if it is known to belong to a component's tree (it
 * carried a RESPAWN_INSTANCE marker, or a stop killed it); any other zombie child only
 * once it has stayed a zombie for a second, which a process the JDK waits for never does.
 *
 * <p>Subreaping is a property of the whole JVM, so there is one reaper per JVM, shared by
 * every supervisor in it; its thread is a daemon and runs while the JVM does.
 */
final class OrphanReaper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
    private static final long PERIOD_MS = 250;
    private static final long UNCLAIMED_ZOMBIE_NANOS = 1_000_000_000L;
    private static final String MARKER = "RESPAWN_INSTANCE";
    private static final String OWN_MARKER = System.getenv(MARKER);
    private static final OrphanReaper SHARED = new OrphanReaper();

    private final Set<Long> spawned = ConcurrentHashMap.newKeySet();
    private final Set<Long> adopted = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> zombieSinceNanos = new HashMap<>();
    private boolean running;

    private OrphanReaper() {
    }

    /** The JVM's reaper, its thread started on first use. */
    static OrphanReaper shared() {
        SHARED.ensureRunning();
        return SHARED;
    }

    /** A process the JDK spawned and waits for: never reaped here. */
    void spawned(long pid) {
        spawned.add(pid);
        adopted.remove(pid);
    }

    /** The JDK has collected it; the PID may be reused. */
    void released(long pid) {
        spawned.remove(pid);
        adopted.remove(pid);
    }

    /** A process of a component's tree: reap it as soon as it is a zombie child. */
    void adopt(long pid) {
        if (!spawned.contains(pid)) {
            adopted.add(pid);
        }
    }

    /** Reaps the zombie children that may be reaped now; returns how many. */
    synchronized int reapNow() {
        long now = System.nanoTime();
        List<ProcStat> all = ProcFs.all();
        Set<Long> zombies = new HashSet<>();
        int reaped = 0;
        for (ProcStat child : all) {
            if (child.ppid() != ProcFs.SELF || spawned.contains(child.pid())) {
                continue;
            }
            if (!child.isZombie()) {
                noticeTreeMember(child.pid());
            } else {
                zombies.add(child.pid());
                long since = zombieSinceNanos.computeIfAbsent(child.pid(), pid -> now);
                boolean claimed = adopted.contains(child.pid());
                if ((claimed || now - since >= UNCLAIMED_ZOMBIE_NANOS) && Posix.reap(child.pid())) {
                    reaped++;
                    LOG.debug("orphan reaped: pid={} claimed={}", child.pid(), claimed);
                }
            }
        }
        zombieSinceNanos.keySet().retainAll(zombies);
        Set<Long> present = new HashSet<>();
        all.forEach(p -> present.add(p.pid()));
        adopted.retainAll(present);
        return reaped;
    }

    /**
     * A live child the JDK did not spawn that carries a component marker is an orphan of a
     * component's tree. A child carrying this JVM's own marker (an agent run as a component
     * of another agent) is one of this JVM's own children and is left to the JDK.
     */
    private void noticeTreeMember(long pid) {
        if (!adopted.contains(pid) && ProcFs.hasEnvName(pid, MARKER)
                && (OWN_MARKER == null || !ProcFs.hasEnv(pid, MARKER + "=" + OWN_MARKER))) {
            adopted.add(pid);
        }
    }

    @Override
    public void run() {
        while (true) {
            try {
                reapNow();
            } catch (RuntimeException e) {
                LOG.warn("orphan reaping failed, will retry: periodMs={}", PERIOD_MS, e);
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void ensureRunning() {
        if (!running) {
            Posix.becomeSubreaper();
            Thread thread = new Thread(this, "respawn-orphan-reaper");
            thread.setDaemon(true);
            thread.start();
            running = true;
        }
    }
}
