package io.respawn.agent.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the exit of re-adopted runs. Such a process is not this JVM's child (its parent
 * died with the agent's previous life), so the JDK cannot wait for it and polls it only
 * every few seconds; this thread reads /proc every {@value #PERIOD_MS} ms instead. The run
 * has ended when its PID is gone, is a zombie (its new parent may never reap it), or names
 * a process with another start time (the PID was reused). The exit status is unknown.
 */
final class AdoptedWatcher implements Runnable {
    static final long PERIOD_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AdoptedWatcher.class);
    private static final AdoptedWatcher SHARED = new AdoptedWatcher();

    private final Map<Instance, Consumer<ExitStatus>> watched = new ConcurrentHashMap<>();
    private boolean running;

    private AdoptedWatcher() {
    }

    static AdoptedWatcher shared() {
        SHARED.ensureRunning();
        return SHARED;
    }

    void watch(Instance run, Consumer<ExitStatus> onExit) {
        watched.put(run, onExit);
    }

    /** True while {@code run}'s main process lives under its PID and start time. */
    static boolean alive(Instance run) {
        return ProcFs.stat(run.pid()).filter(run::isMain).filter(stat -> !stat.isZombie()).isPresent();
    }

    @Override
    public void run() {
        while (true) {
            for (Map.Entry<Instance, Consumer<ExitStatus>> entry : watched.entrySet()) {
                Instance run = entry.getKey();
                if (!alive(run) && watched.remove(run) != null) {
                    LOG.info("re-adopted process ended: component={} pid={}", run.component().name(), run.pid());
                    try {
                        entry.getValue().accept(ExitStatus.UNKNOWN);
                    } catch (RuntimeException e) {
                        LOG.error("exit handling failed: component={} pid={}", run.component().name(), run.pid(), e);
                    }
                }
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
            Thread thread = new Thread(this, "respawn-adopted-exits");
            thread.setDaemon(true);
            thread.start();
            running = true;
        }
    }
}
