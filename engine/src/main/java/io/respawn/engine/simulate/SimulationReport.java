package io.respawn.engine.simulate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints simulation results as plain text tables: one run, or two runs on the same faults side by side. */
public final class SimulationReport {
    private SimulationReport() {
    }

    /** One run: recovery per fault class, then what the oracle did. */
    public static String of(SimulationResult r) {
        StringBuilder out = new StringBuilder();
        out.append(header(r)).append('\n');
        out.append(String.format(Locale.ROOT, "%-28s %7s %9s %9s %9s %9s %9s%n", "fault class", "faults", "recovered",
                "mean", "p90", "p99", "max"));
        r.byClass().forEach((name, s) -> out.append(row(name, s)));
        out.append(row("all", r.overall()));
        out.append(actions(r)).append('\n');
        if (!r.skipped().isEmpty()) {
            out.append("arrivals skipped (component already down or faulty): ")
                    .append(r.skipped().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }

    /** Two runs of the same spec and seed: each run, then mean and tails side by side per fault class. */
    public static String compare(SimulationResult a, SimulationResult b) {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(of(a)).append('\n').append("B: ").append(of(b)).append('\n');
        out.append("A vs B, same faults (seed ").append(a.seed()).append("): time to recover\n");
        out.append(String.format(Locale.ROOT, "%-28s %19s %19s %19s %8s%n", "fault class", "mean A -> B",
                "p90 A -> B", "p99 A -> B", "mean"));
        Set<String> names = new LinkedHashSet<>(a.byClass().keySet());
        names.addAll(b.byClass().keySet());
        Map<String, RecoveryStats> ca = a.byClass();
        Map<String, RecoveryStats> cb = b.byClass();
        for (String name : names) {
            out.append(pair(name, ca.get(name), cb.get(name)));
        }
        out.append(pair("all", a.overall(), b.overall()));
        out.append(String.format(Locale.ROOT, "restarts A %d -> B %d, give-ups A %d -> B %d, unrecovered A %d -> B %d%n",
                a.restarts(), b.restarts(), a.giveUps(), b.giveUps(), a.overall().unrecovered(),
                b.overall().unrecovered()));
        return out.toString();
    }

    /** A duration in ms as people read it: {@code 850ms}, {@code 2.35s}, {@code 3m12s}; {@code -} for none. */
    public static String duration(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return "-";
        }
        if (ms < 1_000) {
            return String.format(Locale.ROOT, "%.0fms", ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2fs", ms / 1_000);
        }
        long s = Math.round(ms / 1_000);
        return s < 3_600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh%02dm", s / 3_600, (s % 3_600) / 60);
    }

    /** The change from {@code before} to {@code after} in percent, signed: {@code -42%}. */
    public static String change(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after) || before <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.0f%%", (after - before) * 100 / before);
    }

    private static String header(SimulationResult r) {
        return String.format(Locale.ROOT, "map %s, rules %s, seed %d: %s simulated in %d ms (%.0f simulated s per"
                        + " wall s), %d facts", r.map(), r.rules(), r.seed(), duration(r.simulated().toMillis()),
                r.wall().toMillis(), r.speedup(), r.facts());
    }

    private static String row(String name, RecoveryStats s) {
        return String.format(Locale.ROOT, "%-28s %7d %9d %9s %9s %9s %9s%n", name, s.faults(), s.recovered(),
                duration(s.meanMs()), duration(s.p90Ms()), duration(s.p99Ms()), duration(s.maxMs()));
    }

    private static String pair(String name, RecoveryStats a, RecoveryStats b) {
        double meanA = a == null ? Double.NaN : a.meanMs();
        double meanB = b == null ? Double.NaN : b.meanMs();
        return String.format(Locale.ROOT, "%-28s %19s %19s %19s %8s%n", name,
                duration(meanA) + " -> " + duration(meanB),
                duration(a == null ? -1 : a.p90Ms()) + " -> " + duration(b == null ? -1 : b.p90Ms()),
                duration(a == null ? -1 : a.p99Ms()) + " -> " + duration(b == null ? -1 : b.p99Ms()),
                change(meanA, meanB));
    }

    private static String actions(SimulationResult r) {
        List<String> levels = r.restartsByDepthSorted().entrySet().stream()
                .map(e -> "depth " + e.getKey() + (e.getKey() == 0 ? " (root)" : "") + ": " + e.getValue()).toList();
        String groups = r.restartsByGroup().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "restarts %d (%s; by group: %s), dependents restarted %d, escalations %d,"
                        + " give-ups %d, unrecovered at the end %d", r.restarts(),
                levels.isEmpty() ? "none" : String.join(", ", levels), groups.isEmpty() ? "none" : groups,
                r.dependentRestarts(), r.escalations(), r.giveUps(), r.overall().unrecovered());
    }
}
