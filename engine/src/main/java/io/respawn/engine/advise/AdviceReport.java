package io.respawn.engine.advise;

import io.respawn.engine.advise.Measurements.CoFailure;
import io.respawn.engine.advise.Measurements.CureCount;
import io.respawn.engine.simulate.FaultClass;
import io.respawn.engine.simulate.RecoveryStats;
import io.respawn.engine.simulate.SimulationReport;
import io.respawn.engine.simulate.SimulationResult;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.Group;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Prints advice as text: the measurements, then each proposal with its evidence, diff and estimate. */
public final class AdviceReport {
    private AdviceReport() {
    }

    public static String of(Advice advice) {
        Measurements m = advice.measurements();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %s of facts (%d), restart map %s%n%n", m.source(),
                SimulationReport.duration(m.span().toMillis()), m.facts(), m.map().source()));
        components(m, out);
        groups(m, out);
        coFailures(m, advice, out);
        spec(advice, out);
        int n = 0;
        for (Proposal p : advice.proposals()) {
            out.append(String.format(Locale.ROOT, "%nproposal %d - %s: %s%n", ++n, p.kind().words(), p.title()));
            p.evidence().forEach(e -> out.append("  - ").append(e).append('\n'));
            out.append(p.diff().indent(2));
            if (p.before().isPresent() && p.after().isPresent()) {
                out.append(estimate(p.before().get(), p.after().get()));
            }
        }
        if (advice.proposals().isEmpty()) {
            out.append("\nno proposal: nothing in this journal calls for a change of the tree\n");
        }
        advice.notApplied().forEach(s -> out.append("\nnot proposed - ").append(s).append('\n'));
        if (advice.combined().isPresent() && advice.current().isPresent()) {
            out.append("\nall proposals together:\n").append(estimate(advice.current().get(), advice.combined().get()));
        }
        out.append("\nnothing was changed; --write FILE writes the map with ")
                .append(advice.proposals().size() > 1 ? "all proposals" : "the proposal").append(" to FILE\n");
        return out.toString();
    }

    private static void components(Measurements m, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%-16s %8s %12s  %s%n", "component", "failures", "restart",
                "restarts for its failures, cured/tried, per group (smallest first)"));
        for (Component c : m.map().components()) {
            OptionalDouble restart = m.restartTimeOf(c.id());
            List<CureCount> cures = m.curesOf(c.id());
            String levels = cures.stream().filter(x -> x.tried() > 0)
                    .map(x -> x.group() + " " + x.cured() + "/" + x.tried()).collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "%-16s %8d %12s  %s%n", c.name(), m.failuresOf(c.id()).size(),
                    restart.isPresent() ? SimulationReport.duration(restart.getAsDouble()) : "-",
                    levels.isEmpty() ? "-" : levels));
        }
        out.append("  (restart: from the restart decided to the component's process started again)\n\n");
    }

    private static void groups(Measurements m, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%-16s %8s %12s%n", "group", "restarts", "restart"));
        for (Group g : m.map().groups()) {
            long n = m.restarts().stream().filter(r -> r.group().equals(g.id())).count();
            OptionalDouble t = m.restartTimeOfGroup(g.id());
            out.append(String.format(Locale.ROOT, "%-16s %8d %12s%n", g.name(), n,
                    t.isPresent() ? SimulationReport.duration(t.getAsDouble()) : "-"));
        }
        out.append("  (restart: from the restart decided to the agent's restart outcome)\n\n");
    }

    private static void coFailures(Measurements m, Advice advice, StringBuilder out) {
        List<CoFailure> pairs = m.coFailures(Duration.ofMillis(coWindowMs(advice)));
        out.append("co-failures within ").append(SimulationReport.duration(coWindowMs(advice))).append(":");
        if (pairs.isEmpty()) {
            out.append(" none\n");
        }
        out.append('\n');
        for (CoFailure p : pairs) {
            out.append(String.format(Locale.ROOT, "  %s + %s: %d of %s's %d failures, %d of %s's %d%n", p.a(), p.b(),
                    p.sharedA(), p.a(), p.failuresA(), p.sharedB(), p.b(), p.failuresB()));
        }
    }

    private static long coWindowMs(Advice advice) {
        return advice.thresholds().coFailWindow().toMillis();
    }

    private static void spec(Advice advice, StringBuilder out) {
        if (advice.current().isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "%nestimates simulate %s (seed %d) with faults as measured:%n",
                SimulationReport.duration(advice.spec().duration().toMillis()), advice.spec().seed()));
        for (FaultClass f : advice.spec().faults()) {
            out.append(String.format(Locale.ROOT, "  %s: a %s every %s on average, cured by %s%s%n", f.name(),
                    f.kind().name().toLowerCase(Locale.ROOT), SimulationReport.duration(f.every().toMillis()),
                    f.cure().text(), f.spreadTo().isEmpty() ? "" : ", spreading to " + f.spreadTo()));
        }
        String restarts = advice.spec().restartsSorted().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().describe()).collect(Collectors.joining(", "));
        out.append("  restart times: ").append(restarts.isEmpty() ? "none measured" : restarts).append('\n');
    }

    private static String estimate(SimulationResult before, SimulationResult after) {
        RecoveryStats a = before.overall();
        RecoveryStats b = after.overall();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "  expected, same faults: mean time to recover %s -> %s (%s), p90 %s -> %s, p99 %s -> %s;"
                        + " restarts %d -> %d, give-ups %d -> %d, unrecovered %d -> %d%n",
                SimulationReport.duration(a.meanMs()), SimulationReport.duration(b.meanMs()),
                SimulationReport.change(a.meanMs(), b.meanMs()), SimulationReport.duration(a.p90Ms()),
                SimulationReport.duration(b.p90Ms()), SimulationReport.duration(a.p99Ms()),
                SimulationReport.duration(b.p99Ms()), before.restarts(), after.restarts(), before.giveUps(),
                after.giveUps(), a.unrecovered(), b.unrecovered()));
        Map<String, RecoveryStats> ca = before.byClass();
        Map<String, RecoveryStats> cb = after.byClass();
        String perClass = ca.keySet().stream().filter(cb::containsKey)
                .map(k -> k + " " + SimulationReport.duration(ca.get(k).meanMs()) + " -> "
                        + SimulationReport.duration(cb.get(k).meanMs()))
                .collect(Collectors.joining(", "));
        if (!perClass.isEmpty()) {
            out.append("    mean per fault class: ").append(perClass).append('\n');
        }
        return out.toString();
    }
}
