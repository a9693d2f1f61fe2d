package io.respawn.agent.process;

import io.respawn.facts.GroupId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.facts.RestartType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's commands, each over a list of members in start order: stop, start,
 * restart (stop all, then start all but temporary components, in order). Runs on the
 * supervisor's single command thread, so commands never overlap. Each command reports one
 * {@link RestartOutcome}; the facts of one command arrive in order: the old processes'
 * ProcessExited, then the new ones' ProcessStarted, then the outcome.
 */
final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    private final Launcher launcher;
    private final TreeKiller killer;
    private final Reports reports;
    private final OrphanReaper reaper;
    private final ComponentListener listener;

    Commands(Launcher launcher, TreeKiller killer, Reports reports, OrphanReaper reaper, ComponentListener listener) {
        this.launcher = launcher;
        this.killer = killer;
        this.reports = reports;
        this.reaper = reaper;
        this.listener = listener;
    }

    /**
     * Halts the members, starts them again, then sweeps what escaped the old groups: the
     * sweep reads every process's environment, and the new runs need not wait for it.
     */
    RestartOutcome restart(GroupId reportAs, List<Slot> members, String restartId, StopMode mode) {
        long began = System.nanoTime();
        TreeKiller.Halted halted = haltAll(members, mode);
        List<String> problems = new ArrayList<>();
        for (Slot slot : members) {
            if (slot.component().restartType() == RestartType.TEMPORARY) {
                LOG.info("temporary component stays stopped: component={} restartId={}", slot.component().name(),
                        restartId);
            } else {
                start(slot, restartId).ifPresent(problems::add);
            }
        }
        TreeKiller.Result stop = killer.sweep(halted);
        problems.addAll(0, stop.problems());
        return outcome(restartId, reportAs, began, stop.killedHard(), problems);
    }

    RestartOutcome stop(GroupId reportAs, List<Slot> members, String restartId, StopMode mode) {
        long began = System.nanoTime();
        TreeKiller.Result stop = stopAll(members, mode);
        return outcome(restartId, reportAs, began, stop.killedHard(), stop.problems());
    }

    RestartOutcome start(GroupId reportAs, List<Slot> members, String restartId) {
        long began = System.nanoTime();
        List<String> problems = new ArrayList<>();
        members.forEach(slot -> start(slot, restartId).ifPresent(problems::add));
        return outcome(restartId, reportAs, began, List.of(), problems);
    }

    /** Starts the members that are not running; no outcome (the agent's own first start). */
    void startQuietly(List<Slot> members) {
        members.forEach(slot -> start(slot, null));
    }

    /** Stops every member, latest start first, all side by side, and sweeps their trees. */
    TreeKiller.Result stopAll(List<Slot> members, StopMode mode) {
        return killer.sweep(haltAll(members, mode));
    }

    /** Halts every member, latest start first, all side by side: their groups are empty, escapees may be left. */
    private TreeKiller.Halted haltAll(List<Slot> members, StopMode mode) {
        List<Instance> runs = new ArrayList<>();
        List<Slot> latestFirst = new ArrayList<>(members);
        Collections.reverse(latestFirst);
        for (Slot slot : latestFirst) {
            slot.last().ifPresent(run -> {
                slot.stopping();
                runs.add(run);
            });
        }
        TreeKiller.Halted halted = killer.halt(runs, mode);
        members.forEach(Slot::stopped);
        return halted;
    }

    /** Starts the member unless it runs; the problem in plain words if it could not be started. */
    private Optional<String> start(Slot slot, String restartId) {
        if (slot.running().isPresent()) {
            LOG.info("already running, not started again: component={} restartId={}", slot.component().name(),
                    restartId);
            return Optional.empty();
        }
        Instance run;
        try {
            run = slot.start(() -> launcher.launch(slot.component(), restartId, reports.now()), reports::started);
        } catch (IOException | RuntimeException e) {
            slot.startFailed();
            String problem = slot.component().name() + " - could not start: " + e.getMessage() + " (command "
                    + slot.component().command() + ")";
            LOG.warn("start failed: component={} restartId={} problem={}", slot.component().name(), restartId,
                    problem);
            return Optional.of(problem);
        }
        LOG.info("started: component={} pid={} restartId={}", slot.component().name(), run.pid(), restartId);
        tell(() -> listener.started(slot.component(), run.pid()), slot);
        ExitWatcher.start(run, status -> exited(slot, run, status));
        return Optional.empty();
    }

    private void exited(Slot slot, Instance run, ExitStatus status) {
        ProcessExited fact = null;
        try {
            fact = reports.exited(run, status);
            slot.exited(run, status);
            LOG.info("exited: component={} pid={} how={} expected={}", run.component().name(), run.pid(),
                    status.how(), run.stopRequested());
            tell(() -> listener.stopped(slot.component(), run.pid()), slot);
        } finally {
            reaper.released(run.pid());
            run.exit().complete(fact);
        }
    }

    private static void tell(Runnable call, Slot slot) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("component listener failed: component={}", slot.component().name(), e);
        }
    }

    private RestartOutcome outcome(String restartId, GroupId group, long beganNanos, List<String> killedHard,
                                   List<String> problems) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beganNanos);
        RestartResult result = problems.isEmpty() ? RestartResult.SUCCEEDED : RestartResult.FAILED;
        String reason = String.join("; ", problems);
        LOG.info("command done: group={} restartId={} result={} durationMs={} killedHard={} reason={}", group,
                restartId, result, durationMs, killedHard, reason);
        return reports.outcome(restartId, group, result, durationMs, killedHard, reason);
    }
}
