package io.respawn.engine.advise;

import io.respawn.engine.advise.Measurements.CoFailure;
import io.respawn.engine.advise.Measurements.CureCount;
import io.respawn.engine.simulate.SimulationReport;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * Finds the edits the measurements call for, after Candea et al. (DSN 2002):
 *
 * <ul>
 *   <li><b>depth augmentation</b>: a component that fails often, whose restarts of its
 *       smallest group cure, and whose group takes much longer to restart than it does
 *       alone, gets a group of its own (where it stood);
 *   <li><b>group consolidation</b>: two components in different groups whose failures
 *       nearly always come together move into one new group;
 *   <li><b>node promotion</b>: a component whose own group's restarts rarely cure it moves
 *       up to the nearest group whose restarts did.
 * </ul>
 *
 * An edit is kept only if the edited map loads and resolves every component exactly as
 * before (same node, command, heartbeat, limits...): only the tree changes.
 */
final class Proposals {
    /** A proposal before it is applied and estimated. */
    record Candidate(Proposal.Kind kind, String title, List<ComponentId> subjects, List<String> evidence,
                     UnaryOperator<MapEdit> edit) {
    }

    private final Measurements m;
    private final Thresholds t;
    private final RestartMap map;

    private Proposals(Measurements m, Thresholds t) {
        this.m = m;
        this.t = t;
        this.map = m.map();
    }

    static List<Candidate> find(Measurements m, Thresholds t) {
        Proposals p = new Proposals(m, t);
        List<Candidate> out = new ArrayList<>();
        for (Component c : p.map.components()) {
            p.depthAugmentation(c.id(), out);
        }
        p.consolidations(out);
        for (Component c : p.map.components()) {
            p.promotion(c.id(), out);
        }
        return out;
    }

    /**
     * Applies {@code edits} to {@code yaml} in order and checks the result.
     *
     * @throws IllegalStateException naming the component whose settings the edit would change
     */
    static String apply(String yaml, String source, List<UnaryOperator<MapEdit>> edits) {
        MapEdit edit = MapEdit.of(yaml);
        for (UnaryOperator<MapEdit> e : edits) {
            edit = e.apply(edit);
        }
        String proposed = edit.text();
        RestartMap before;
        RestartMap after;
        try {
            before = RestartMap.parse(yaml, source);
            after = RestartMap.parse(proposed, source + " (proposed)");
        } catch (MapException e) {
            throw new IllegalStateException("the edited map does not load:\n" + e.getMessage(), e);
        }
        for (Component c : before.components()) {
            if (!after.component(c.id()).map(c::equals).orElse(false)) {
                throw new IllegalStateException(c.id() + " - the edit would change its settings (it would inherit"
                        + " other defaults in its new place); set them on the component and ask again");
            }
        }
        return proposed;
    }

    private void depthAugmentation(ComponentId c, List<Candidate> out) {
        GroupId group = map.smallestGroupOf(c);
        int failures = m.failuresOf(c).size();
        if (map.componentsUnder(group).size() < 2 || failures < t.minFailures()) {
            return;
        }
        OptionalDouble alone = m.restartTimeOf(c);
        OptionalDouble whole = m.restartTimeOfGroup(group);
        CureCount own = m.curesOf(c).get(0);
        if (alone.isEmpty() || whole.isEmpty() || whole.getAsDouble() < t.slowFactor() * Math.max(alone.getAsDouble(), 1)
                || !(own.rate() >= 0.5)) {
            return;
        }
        String name = freeName(c.name() + "-alone");
        out.add(new Candidate(Proposal.Kind.DEPTH_AUGMENTATION,
                "give " + c + " a group of its own (" + name + ") inside " + group,
                List.of(c),
                List.of(c + " failed " + failures + " times in " + SimulationReport.duration(m.span().toMillis()),
                        "restarting " + group + " (" + map.componentsUnder(group).size() + " components) took "
                                + SimulationReport.duration(whole.getAsDouble()) + " on average; " + c
                                + " alone was started again after " + SimulationReport.duration(alone.getAsDouble()),
                        "restarts of " + group + " for " + c + " cured " + own.cured() + " of " + own.tried()
                                + ": the failure is " + c + "'s own"),
                edit -> edit.isolate(c.name(), name)));
    }

    private void consolidations(List<Candidate> out) {
        for (CoFailure pair : m.coFailures(t.coFailWindow())) {
            GroupId ga = map.smallestGroupOf(pair.a());
            GroupId gb = map.smallestGroupOf(pair.b());
            if (ga.equals(gb) || pair.sharedA() < t.minFailures() || pair.sharedB() < t.minFailures()
                    || pair.share() < t.coFailShare()) {
                continue;
            }
            GroupId parent = commonAncestor(ga, gb);
            String name = freeName(pair.a().name() + "-" + pair.b().name());
            out.add(new Candidate(Proposal.Kind.CONSOLIDATION,
                    "restart " + pair.a() + " and " + pair.b() + " together: a new group " + name + " inside " + parent,
                    List.of(pair.a(), pair.b()),
                    List.of(String.format(Locale.ROOT, "%d of %s's %d failures came within %s of a failure of %s",
                                    pair.sharedA(), pair.a(), pair.failuresA(),
                                    SimulationReport.duration(t.coFailWindow().toMillis()), pair.b()),
                            String.format(Locale.ROOT, "%d of %s's %d failures came within %s of a failure of %s",
                                    pair.sharedB(), pair.b(), pair.failuresB(),
                                    SimulationReport.duration(t.coFailWindow().toMillis()), pair.a()),
                            "they sit in different groups (" + ga + ", " + gb + "), so each failure restarts them apart"),
                    edit -> edit.consolidate(pair.a().name(), pair.b().name(), name, parent.name())));
        }
    }

    private void promotion(ComponentId c, List<Candidate> out) {
        List<CureCount> cures = m.curesOf(c);
        CureCount own = cures.get(0);
        if (cures.size() < 2 || own.tried() < t.minAttempts() || !(own.rate() <= t.rarelyCures())) {
            return;
        }
        for (CureCount up : cures.subList(1, cures.size())) {
            if (up.cured() > 0 && up.rate() >= 0.5) {
                out.add(new Candidate(Proposal.Kind.PROMOTION,
                        "move " + c + " up from " + own.group() + " into " + up.group(),
                        List.of(c),
                        List.of("restarts of " + own.group() + " for " + c + " cured " + own.cured() + " of "
                                        + own.tried() + " (" + percent(own.rate()) + ")",
                                "restarts of " + up.group() + " for " + c + " cured " + up.cured() + " of "
                                        + up.tried() + " (" + percent(up.rate()) + ")",
                                "so " + c + "'s failures need " + up.group() + " restarted; starting there saves the"
                                        + " restarts of " + own.group() + " that do not cure"),
                        edit -> edit.promote(c.name(), up.group().name())));
                return;
            }
        }
    }

    private GroupId commonAncestor(GroupId a, GroupId b) {
        List<GroupId> above = new ArrayList<>();
        for (GroupId g = a; g != null; g = map.parentOf(g).orElse(null)) {
            above.add(g);
        }
        for (GroupId g = b; g != null; g = map.parentOf(g).orElse(null)) {
            if (above.contains(g)) {
                return g;
            }
        }
        return map.root().id();
    }

    private String freeName(String wanted) {
        String name = wanted.length() > 120 ? wanted.substring(0, 120) : wanted;
        String candidate = name;
        for (int i = 2; taken(candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    private boolean taken(String name) {
        return map.groups().stream().anyMatch(g -> g.name().equals(name))
                || map.components().stream().anyMatch(c -> c.name().equals(name));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
