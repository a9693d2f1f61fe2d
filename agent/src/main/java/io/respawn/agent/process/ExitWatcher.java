package io.respawn.agent.process;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a run's main process to end and hands over how it ended. A thread of its own
 * per run, blocked in {@link Process#waitFor()}: the JDK's reaper wakes it as soon as it
 * collects the exit status (about a millisecond), without going through the common
 * fork-join pool that {@link Process#onExit()} completes on, which a busy pool would delay.
 */
final class ExitWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);

    private final Instance run;
    private final Consumer<ExitStatus> onExit;

    private ExitWatcher(Instance run, Consumer<ExitStatus> onExit) {
        this.run = run;
        this.onExit = onExit;
    }

    static void start(Instance run, Consumer<ExitStatus> onExit) {
        if (run.isAdopted()) {
            AdoptedWatcher.shared().watch(run, onExit);
            return;
        }
        Thread thread = new Thread(new ExitWatcher(run, onExit), "respawn-exit-" + run.component().name() + "-"
                + run.pid());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        int value;
        try {
            value = run.process().orElseThrow().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("exit watcher interrupted, exit will not be reported: component={} pid={}",
                    run.component().name(), run.pid());
            return;
        }
        try {
            onExit.accept(ExitStatus.fromExitValue(value));
        } catch (RuntimeException e) {
            LOG.error("exit handling failed: component={} pid={} exitValue={}", run.component().name(), run.pid(),
                    value, e);
        }
    }
}
