package io.respawn.agent.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops runs and makes sure nothing of their trees is left.
 *
 * <ol>
 *   <li>A run whose main process has exited (its exit reported) and whose process group
 *       is empty — {@code kill(-pgid, 0)} finds no process, not even a zombie — needs no
 *       signal and no wait: that is a crashed component, and its restart starts at once.</li>
 *   <li>Otherwise each run's process group gets SIGTERM (and SIGCONT, so a stopped member can act on
 *       it) — unless the mode is IMMEDIATE, the grace is zero, or a process of the group is
 *       stopped or traced (it could not act on SIGTERM): then the group gets SIGKILL at once.</li>
 *   <li>All runs share one wait: each until its main process has exited and its group is
 *       empty, or its stopGrace has passed since the stop began; then SIGKILL to the group.</li>
 *   <li>Sweep: every live process of the tree (descendants, orphans re-parented to the
 *       agent, anything carrying the run's RESPAWN_INSTANCE marker) is a survivor that
 *       escaped the group: it gets SIGKILL, is logged and reported.</li>
 * </ol>
 * The runs are stopped side by side, so a group's stop takes the longest grace, not the sum.
 * Steps 1–3 ({@link #halt}) need only the process group and the main process; the sweep
 * ({@link #sweep}) reads every process's environment, so a restart runs it after starting
 * the new run, when the old run's group is already empty and only escaped processes can be
 * left; a plain stop runs both, in order.
 */
final class TreeKiller {
    private static final Logger LOG = LoggerFactory.getLogger(TreeKiller.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long QUICK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    /**
     * What a stop did.
     *
     * @param killedHard global PIDs ({@code node:pid}) that needed SIGKILL
     * @param problems   what could not be done, in plain words; empty when every tree is gone
     */
    record Result(List<String> killedHard, List<String> problems) {
        boolean clean() {
            return problems.isEmpty();
        }
    }

    /** Runs halted (main processes exited, groups empty) and not yet swept; what the halt did so far. */
    record Halted(List<Instance> runs, List<String> killedHard, List<String> problems) {
    }

    private final Reports reports;
    private final OrphanReaper reaper;

    TreeKiller(Reports reports, OrphanReaper reaper) {
        this.reports = reports;
        this.reaper = reaper;
    }

    /** Returns once every run's main process has exited (and was reported) and its group is empty. */
    Halted halt(List<Instance> runs, StopMode mode) {
        long began = System.nanoTime();
        List<String> killedHard = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        runs.forEach(Instance::requestStop);
        List<Instance> waiting = new ArrayList<>();
        for (Instance run : runs) {
            if (exitedWithEmptyGroup(run)) {
                LOG.debug("already gone: component={} pid={}", run.component().name(), run.pid());
            } else if (signal(run, mode, killedHard)) {
                waiting.add(run);
            }
        }
        for (Instance run : waiting) {
            long deadline = began + run.component().stopGrace().toNanos();
            if (!awaitGroupGone(run, deadline)) {
                LOG.info("stop grace over, killing: component={} pid={} graceMs={}", run.component().name(),
                        run.pid(), run.component().stopGrace().toMillis());
                killGroup(run, killedHard);
            }
        }
        for (Instance run : runs) {
            awaitExitReported(run, problems);
        }
        return new Halted(List.copyOf(runs), killedHard, problems);
    }

    /** Kills and waits out what escaped the halted runs' groups; reaps their orphans. */
    Result sweep(Halted halted) {
        List<String> killedHard = new ArrayList<>(halted.killedHard());
        List<String> problems = new ArrayList<>(halted.problems());
        for (Instance run : halted.runs()) {
            sweep(run, killedHard, problems);
        }
        reaper.reapNow();
        return new Result(List.copyOf(killedHard), List.copyOf(problems));
    }

    /**
     * True if the main process's exit was reported and no process has the run's group id:
     * the JDK reaped the main process, so its PID (the group id) is free, and a group with
     * that id now could only be a later process's — then the scans decide.
     */
    private static boolean exitedWithEmptyGroup(Instance run) {
        return run.exit().isDone() && !Posix.exists(-run.pid());
    }

    /** Sends the first signal; true if the run was given SIGTERM and a grace period. */
    private boolean signal(Instance run, StopMode mode, List<String> killedHard) {
        if (mode == StopMode.IMMEDIATE || run.component().stopGrace().isZero()) {
            LOG.info("stopping at once: component={} pid={} mode={}", run.component().name(), run.pid(), mode);
            killGroup(run, killedHard);
            return false;
        }
        List<ProcStat> group = TreeScan.mainAndGroup(run, ProcFs.all());
        if (group.isEmpty()) {
            return false;
        }
        if (group.stream().anyMatch(ProcStat::isStopped)) {
            LOG.info("stopping at once: component={} pid={} mode={} stoppedProcess=true", run.component().name(),
                    run.pid(), mode);
            killGroup(run, killedHard);
            return false;
        }
        LOG.info("stopping: component={} pid={} signal=SIGTERM graceMs={}", run.component().name(), run.pid(),
                run.component().stopGrace().toMillis());
        if (Posix.kill(-run.pid(), Posix.SIGTERM)) {
            Posix.kill(-run.pid(), Posix.SIGCONT);
        } else if (group.stream().anyMatch(run::isMain)) {
            Posix.kill(run.pid(), Posix.SIGTERM);    // spawned, but not yet leading its own group
        }
        return true;
    }

    private void killGroup(Instance run, List<String> killedHard) {
        List<ProcStat> members = TreeScan.mainAndGroup(run, ProcFs.all());
        members.forEach(p -> killedHard.add(reports.gpid(p.pid())));
        if (!Posix.kill(-run.pid(), Posix.SIGKILL) && members.stream().anyMatch(run::isMain)) {
            Posix.kill(run.pid(), Posix.SIGKILL);    // spawned, but not yet leading its own group
        }
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        awaitExit(run, KILL_WAIT.toNanos());
        awaitGroupEmpty(run, deadline);
    }

    private boolean awaitGroupGone(Instance run, long deadline) {
        while (!run.exit().isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            awaitExit(run, Math.min(left, 5 * POLL_NANOS));
        }
        return awaitGroupEmpty(run, deadline);
    }

    /**
     * Waits until no live process is left in the run's group: none has its id (one system
     * call, every millisecond), or a scan of /proc (every ten) finds only zombies or someone
     * else's processes.
     */
    private static boolean awaitGroupEmpty(Instance run, long deadline) {
        for (int i = 1; ; i++) {
            if (!Posix.exists(-run.pid()) || i % 10 == 0 && TreeScan.groupMembers(run, ProcFs.all()).isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(QUICK_POLL_NANOS);
        }
    }

    /** Kills, reports and waits out every live process of the tree that escaped the group. */
    private void sweep(Instance run, List<String> killedHard, List<String> problems) {
        Set<Long> killed = new HashSet<>();
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (true) {
            List<ProcStat> left = TreeScan.members(run, ProcFs.all()).stream()
                    .filter(p -> !run.isMain(p) || !run.exit().isDone()).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                List<Long> pids = left.stream().map(ProcStat::pid).toList();
                problems.add(run.component().name() + " - still running after SIGKILL: pids " + pids
                        + " (waited " + KILL_WAIT.toMillis() + "ms)");
                LOG.error("processes survive SIGKILL: component={} pids={}", run.component().name(), pids);
                return;
            }
            for (ProcStat p : left) {
                if (killed.add(p.pid()) && !killedHard.contains(reports.gpid(p.pid()))) {
                    LOG.warn("process escaped the group and survived it, killing: component={} pid={} pgid={}"
                            + " sid={} ppid={}", run.component().name(), p.pid(), p.pgid(), p.sid(), p.ppid());
                    killedHard.add(reports.gpid(p.pid()));
                }
                reaper.adopt(p.pid());
                Posix.kill(p.pid(), Posix.SIGKILL);
            }
            LockSupport.parkNanos(POLL_NANOS);
            reaper.reapNow();
        }
    }

    private void awaitExitReported(Instance run, List<String> problems) {
        if (!awaitExit(run, KILL_WAIT.toNanos())) {
            problems.add(run.component().name() + " - did not exit after SIGKILL: pid " + run.pid()
                    + " (waited " + KILL_WAIT.toMillis() + "ms)");
        }
    }

    private static boolean awaitExit(Instance run, long nanos) {
        try {
            run.exit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
