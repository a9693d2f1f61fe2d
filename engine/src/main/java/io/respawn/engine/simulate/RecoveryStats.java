package io.respawn.engine.simulate;

import java.util.Arrays;
import java.util.List;

/**
 * Time to recover over a set of faults: from the fault to the end of the restart that
 * cured it (every component it restarted running again). Percentiles are nearest-rank over recovered faults.
 */
public record RecoveryStats(int faults, int recovered, double meanMs, long p50Ms, long p90Ms, long p99Ms,
                            long maxMs) {
    public static RecoveryStats of(List<FaultRecord> records) {
        long[] times = records.stream().filter(FaultRecord::recovered).mapToLong(FaultRecord::recoveryMs).sorted()
                .toArray();
        if (times.length == 0) {
            return new RecoveryStats(records.size(), 0, Double.NaN, -1, -1, -1, -1);
        }
        double mean = Arrays.stream(times).average().orElse(Double.NaN);
        return new RecoveryStats(records.size(), times.length, mean, rank(times, 50), rank(times, 90),
                rank(times, 99), times[times.length - 1]);
    }

    public int unrecovered() {
        return faults - recovered;
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
