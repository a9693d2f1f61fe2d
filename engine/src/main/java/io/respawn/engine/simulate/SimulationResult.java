package io.respawn.engine.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one simulation run gave: every fault with its recovery, and what the oracle did.
 *
 * @param map             the restart map's source
 * @param rules           where the rules came from
 * @param restartsByDepth restarts decided per depth of the restarted group (0: the root)
 * @param restartsByGroup restarts decided per group
 * @param skipped         per fault class, arrivals that found their component already down or faulty
 */
public record SimulationResult(String map, String rules, long seed, Duration simulated, Duration wall, long facts,
                               List<FaultRecord> faults, Map<Integer, Long> restartsByDepth,
                               Map<String, Long> restartsByGroup, long dependentRestarts, long escalations,
                               long giveUps, Map<String, Long> skipped) {
    public SimulationResult {
        faults = List.copyOf(faults);
        restartsByDepth = Map.copyOf(restartsByDepth);
        restartsByGroup = Map.copyOf(restartsByGroup);
        skipped = Map.copyOf(skipped);
    }

    /** Recovery over every fault that struck (spread ones included). */
    public RecoveryStats overall() {
        return RecoveryStats.of(faults);
    }

    /** Recovery per fault class, in the order of first arrival; spread faults as {@code class (spread)}. */
    public Map<String, RecoveryStats> byClass() {
        Map<String, List<FaultRecord>> grouped = new LinkedHashMap<>();
        for (FaultRecord record : faults) {
            String key = record.spread() ? record.faultClass() + " (spread)" : record.faultClass();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        Map<String, RecoveryStats> stats = new LinkedHashMap<>();
        grouped.forEach((k, v) -> stats.put(k, RecoveryStats.of(v)));
        return stats;
    }

    public long restarts() {
        return restartsByDepth.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Restarts per depth, shallowest first. */
    public Map<Integer, Long> restartsByDepthSorted() {
        return new TreeMap<>(restartsByDepth);
    }

    /** Simulated seconds per wall-clock second. */
    public double speedup() {
        return wall.toNanos() == 0 ? Double.POSITIVE_INFINITY : simulated.toNanos() / (double) wall.toNanos();
    }
}
