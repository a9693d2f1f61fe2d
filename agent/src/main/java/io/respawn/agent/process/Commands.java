package io.respawn.agent.process;

import io.respawn.agent.state.Ledger;
import io.respawn.facts.GroupId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.facts.RestartType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
    private final StateFile state;
    private final Ledger ledger;
    private final List<Slot> all;

    Commands(Launcher launcher, TreeKiller killer, Reports reports, OrphanReaper reaper, ComponentListener listener,
             StateFile state, Ledger ledger, List<Slot> all) {
        this.launcher = launcher;
        this.killer = killer;
        this.reports = reports;
        this.reaper = reaper;
        this.listener = listener;
        this.state = state;
        this.ledger = ledger;
        this.all = all;
    }

    /**
     * Halts the members, starts them again, then sweeps what escaped the old groups: the
     * sweep reads every process's environment, and the new runs need not wait for it.
     */
    RestartOutcome restart(GroupId reportAs, List<Slot> members, String restartId, StopMode mode) {
        long began = System.nanoTime();
        begin(restartId, Action.RESTART, reportAs, members);
        TreeKiller.Halted halted = haltAll(members, mode);
        List<String> problems = new ArrayList<>();
        startAfterStop(members, restartId, problems);
        TreeKiller.Result stop = killer.sweep(halted);
        problems.addAll(0, stop.problems());
        state.end(all);
        return outcome(restartId, reportAs, began, stop.killedHard(), problems);
    }

    RestartOutcome stop(GroupId reportAs, List<Slot> members, String restartId, StopMode mode) {
        long began = System.nanoTime();
        begin(restartId, Action.STOP, reportAs, members);
        TreeKiller.Result stop = stopAll(members, mode);
        state.end(all);
        return outcome(restartId, reportAs, began, stop.killedHard(), stop.problems());
    }

    RestartOutcome start(GroupId reportAs, List<Slot> members, String restartId) {
        long began = System.nanoTime();
        begin(restartId, Action.START, reportAs, members);
        List<String> problems = new ArrayList<>();
        members.forEach(slot -> start(slot, restartId).ifPresent(problems::add));
        state.end(all);
        return outcome(restartId, reportAs, began, List.of(), problems);
    }

    /** What a command does, as the state file records it. */
    enum Action {
        RESTART, STOP, START;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Action of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    private void begin(String restartId, Action action, GroupId group, List<Slot> members) {
        state.begin(new StateFile.Command(restartId, action.word(), group.name(),
                members.stream().map(slot -> slot.component().name()).toList()), all);
        if (restartId != null) {
            ledger.decision("executed", restartId, action.word(), group.name());
        }
    }

    private void startAfterStop(List<Slot> members, String restartId, List<String> problems) {
        for (Slot slot : members) {
            if (slot.component().restartType() == RestartType.TEMPORARY) {
                LOG.info("temporary component stays stopped: component={} restartId={}", slot.component().name(),
                        restartId);
            } else {
                start(slot, restartId).ifPresent(problems::add);
            }
        }
    }

    /**
     * The agent's start: takes over each run a previous life of the agent recorded and that
     * still lives (same PID, same start time, same marker); reports each recorded run that
     * has ended meanwhile as exited with its status unknown (the engine decides what
     * follows); finishes the command that life died in, once, under its decision; kills the
     * leftovers; starts the rest. Only a finished interrupted command reports an outcome.
     */
    void recover() {
        long began = System.nanoTime();
        StateFile.Content found = state.found();
        StateFile.Command interrupted = found.command();
        Set<String> redo = new HashSet<>(interrupted == null || interrupted.components() == null ? List.of()
                : interrupted.components());
        Map<String, StateFile.Entry> entries = new HashMap<>();
        (found.components() == null ? List.<StateFile.Entry>of() : found.components())
                .forEach(e -> entries.put(e.component(), e));
        Set<String> kept = new HashSet<>();
        for (Slot slot : all) {
            StateFile.Entry entry = entries.get(slot.component().name());
            if (entry != null && !redo.contains(slot.component().name())) {
                takeOver(slot, entry).ifPresent(kept::add);
            }
        }
        List<Long> killed = Leftovers.kill(reports.node(), all.stream().map(s -> s.component().name()).toList(),
                kept);
        awaitGone(killed);
        List<String> problems = new ArrayList<>();
        Action action = interrupted == null ? null : Action.of(interrupted.action());
        for (Slot slot : all) {
            if (slot.state() != ProcessState.STOPPED) {
                continue;
            }
            if (!redo.contains(slot.component().name())) {
                start(slot, null);
            } else if (action == Action.START || action == Action.RESTART
                    && slot.component().restartType() != RestartType.TEMPORARY) {
                start(slot, interrupted.decision()).ifPresent(problems::add);
            }
        }
        if (interrupted == null) {
            state.save(all);
            return;
        }
        LOG.info("interrupted command finished: decision={} action={} group={}", interrupted.decision(),
                interrupted.action(), interrupted.group());
        state.end(all);
        if (interrupted.decision() != null) {
            ledger.decision("resumed", interrupted.decision(), interrupted.action(), interrupted.group());
            outcome(interrupted.decision(), GroupId.of(interrupted.group()), began,
                    killed.stream().map(reports::gpid).toList(), problems);
        }
    }

    /** Adopts the recorded run if it lives; otherwise reports its end. Returns the marker kept. */
    private Optional<String> takeOver(Slot slot, StateFile.Entry entry) {
        Instance run = Instance.adopted(slot.component(), entry.pid(), entry.startTicks(),
                Instant.ofEpochMilli(entry.startedAtMillis()), entry.marker(), entry.token(),
                entry.restartId());
        slot.adopt(run, entry.starts());
        try {
            launcher.log(slot.component());
        } catch (IOException e) {
            LOG.warn("log not opened for rotation: component={} cause={}", slot.component().name(), e.toString());
        }
        if (AdoptedWatcher.alive(run) && ProcFs.hasEnv(run.pid(), run.markerEntry())) {
            LOG.info("re-adopted: component={} pid={} restartId={}", slot.component().name(), run.pid(),
                    entry.restartId());
            ledger.adopted(slot.component().name(), run.pid());
            tell(() -> listener.started(slot.component(), run.pid()), slot);
            ExitWatcher.start(run, status -> exited(slot, run, status));
            return Optional.of(run.marker());
        }
        LOG.warn("recorded process gone while the agent was away: component={} pid={}", slot.component().name(),
                run.pid());
        exited(slot, run, ExitStatus.UNKNOWN);
        return Optional.empty();
    }

    private static void awaitGone(List<Long> pids) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && pids.stream().anyMatch(
                pid -> ProcFs.stat(pid).filter(stat -> !stat.isZombie()).isPresent())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
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
            if (slot.exited(run, status)) {
                state.save(all);    // before the report: a new agent must not report this exit a second time
            }
            fact = reports.exited(run, status);
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
