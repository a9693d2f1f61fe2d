package io.respawn.agent.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the agent's start, finds the processes a previous life of the agent left that it is
 * not taking over: a run started just before the agent died (not yet in its state file),
 * the old run of a command the agent died in the middle of, the escaped children of a run
 * that has ended. Each carries a marker {@code RESPAWN_INSTANCE=<node>.<component>.<12 hex>}
 * of a component of this node; those whose marker is not a re-adopted run's get SIGKILL,
 * so that starting the component again makes no duplicate.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    private static final String MARKER = "RESPAWN_INSTANCE";
    private static final String OWN_MARKER = System.getenv(MARKER);

    private Leftovers() {
    }

    /** Kills the leftovers; returns their PIDs. */
    static List<Long> kill(String node, Collection<String> components, Set<String> keptMarkers) {
        List<Long> killed = new ArrayList<>();
        for (ProcStat p : ProcFs.all()) {
            if (p.pid() == ProcFs.SELF || p.isZombie()) {
                continue;
            }
            ProcFs.envValue(p.pid(), MARKER)
                    .filter(marker -> !marker.equals(OWN_MARKER) && !keptMarkers.contains(marker))
                    .filter(marker -> isMarkerOf(marker, node, components))
                    .ifPresent(marker -> {
                        LOG.warn("leftover of an earlier agent killed: pid={} marker={}", p.pid(), marker);
                        Posix.kill(p.pid(), Posix.SIGKILL);
                        killed.add(p.pid());
                    });
        }
        return killed;
    }

    static boolean isMarkerOf(String marker, String node, Collection<String> components) {
        for (String component : components) {
            String prefix = node + "." + component + ".";
            if (marker.startsWith(prefix) && marker.substring(prefix.length()).matches("[0-9a-f]{12}")) {
                return true;
            }
        }
        return false;
    }
}
