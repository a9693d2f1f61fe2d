package io.respawn.agent.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the live processes of one run's tree in a snapshot of /proc: its main process,
 * the members of its process group and session, the descendants of any of them, and any
 * process carrying its RESPAWN_INSTANCE marker (a descendant that called {@code setsid}
 * or double-forked and was re-parented keeps the marker). Zombies are left out: they are
 * dead already.
 *
 * <p>A PID can be reused once its process is gone. If the main PID now names a different
 * process, the group and session with that id are someone else's, and only the marker
 * counts.
 */
final class TreeScan {
    private TreeScan() {
    }

    static List<ProcStat> members(Instance run, List<ProcStat> snapshot) {
        boolean idsAreOurs = run.startTicks() >= 0 && snapshot.stream()
                .filter(p -> p.pid() == run.pid()).allMatch(run::isMain);
        Map<Long, ProcStat> found = new LinkedHashMap<>();
        for (ProcStat p : snapshot) {
            if (eligible(run, p) && (run.isMain(p) || idsAreOurs && (p.pgid() == run.pid() || p.sid() == run.pid())
                    || ProcFs.hasEnv(p.pid(), run.markerEntry()))) {
                found.put(p.pid(), p);
            }
        }
        addDescendants(run, snapshot, found);
        return new ArrayList<>(found.values());
    }

    /**
     * The run's main process and the live members of its process group: what a signal to
     * the group reaches, found without reading any process's environment.
     */
    static List<ProcStat> mainAndGroup(Instance run, List<ProcStat> snapshot) {
        boolean idsAreOurs = run.startTicks() >= 0 && snapshot.stream()
                .filter(p -> p.pid() == run.pid()).allMatch(run::isMain);
        return snapshot.stream()
                .filter(p -> eligible(run, p) && (run.isMain(p) || idsAreOurs && p.pgid() == run.pid()))
                .toList();
    }

    /** The live members of the run's process group. */
    static List<ProcStat> groupMembers(Instance run, List<ProcStat> snapshot) {
        boolean idsAreOurs = run.startTicks() >= 0 && snapshot.stream()
                .filter(p -> p.pid() == run.pid()).allMatch(run::isMain);
        if (!idsAreOurs) {
            return List.of();
        }
        return snapshot.stream().filter(p -> eligible(run, p) && p.pgid() == run.pid()).toList();
    }

    private static boolean eligible(Instance run, ProcStat p) {
        return p.pid() != ProcFs.SELF && !p.isZombie() && p.startTicks() >= Math.max(0, run.startTicks());
    }

    private static void addDescendants(Instance run, List<ProcStat> snapshot, Map<Long, ProcStat> found) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        for (ProcStat p : snapshot) {
            if (eligible(run, p)) {
                children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
            }
        }
        Deque<Long> todo = new ArrayDeque<>(found.keySet());
        while (!todo.isEmpty()) {
            for (ProcStat child : children.getOrDefault(todo.pop(), List.of())) {
                if (found.putIfAbsent(child.pid(), child) == null) {
                    todo.push(child.pid());
                }
            }
        }
    }
}
