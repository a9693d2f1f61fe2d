package io.respawn.engine.advise;

import io.respawn.engine.advise.Measurements.CoFailure;
import io.respawn.engine.advise.Measurements.CureCount;
import io.respawn.engine.simulate.Delay;
import io.respawn.engine.simulate.FaultClass;
import io.respawn.engine.simulate.SimulationSpec;
import io.respawn.facts.Cause;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Failure;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.Group;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simulation spec that behaves like the journal: each component restarts in its measured
 * time, and fails as often as it did (failures close together, within a cure window and a
 * restart of each other, are one episode), the way it did (silence: a hang; else a crash),
 * cured where its restarts cured. Assumed, since a journal cannot show it: a failure that
 * the component's own smallest group cured is cured by restarting the component alone; a
 * component whose failures nearly always came with another's fails with it (the first
 * spreads to the second).
 */
final class EstimateSpec {
    private static final Set<Cause> HANGS = EnumSet.of(Cause.HEARTBEAT_SILENT, Cause.HEARTBEAT_FAILED,
            Cause.PROBE_FAILED);

    private EstimateSpec() {
    }

    static SimulationSpec of(Measurements m, Thresholds t, long seed, Duration duration) {
        RestartMap map = m.map();
        Map<ComponentId, Delay> restarts = new HashMap<>();
        for (Component c : map.components()) {
            m.restartTimeOf(c.id()).ifPresent(ms -> restarts.put(c.id(), new Delay.Fixed(Duration.ofMillis(
                    Math.round(ms)))));
        }
        double meanRestart = restarts.values().stream().mapToDouble(Delay::meanMillis).average().orElse(1_000);
        Map<ComponentId, ComponentId> spreadFrom = spreads(m, t);
        long episodeGapMs = map.groups().stream().map(Group::cureWindow).mapToLong(Duration::toMillis).max()
                .orElse(0) + (long) restarts.values().stream().mapToDouble(Delay::meanMillis).max().orElse(1_000);
        List<FaultClass> faults = new ArrayList<>();
        for (Component c : map.components()) {
            if (spreadFrom.containsKey(c.id())) {
                continue;                                       // it fails when the other does
            }
            fault(m, c, episodeGapMs, spreadFrom).ifPresent(faults::add);
        }
        return new SimulationSpec(m.source() + " (as measured)", seed, duration,
                new Delay.Fixed(Duration.ofMillis(Math.round(meanRestart))), restarts, faults, Optional.empty());
    }

    /** Per component that fails with another: the other (the one that failed more often). */
    private static Map<ComponentId, ComponentId> spreads(Measurements m, Thresholds t) {
        Map<ComponentId, ComponentId> from = new HashMap<>();
        for (CoFailure pair : m.coFailures(t.coFailWindow())) {
            if (pair.share() < t.coFailShare() || from.containsKey(pair.a()) || from.containsKey(pair.b())) {
                continue;
            }
            if (pair.failuresA() >= pair.failuresB()) {
                from.put(pair.b(), pair.a());
            } else {
                from.put(pair.a(), pair.b());
            }
        }
        return from;
    }

    private static Optional<FaultClass> fault(Measurements m, Component c, long episodeGapMs,
                                              Map<ComponentId, ComponentId> spreadFrom) {
        List<Failure> failures = m.failuresOf(c.id());
        int episodes = 0;
        long lastMs = Long.MIN_VALUE;
        int hangs = 0;
        for (Failure f : failures) {
            long at = f.at().toEpochMilli();
            if (lastMs == Long.MIN_VALUE || at - lastMs > episodeGapMs) {
                episodes++;
            }
            lastMs = at;
            hangs += HANGS.contains(f.cause()) ? 1 : 0;
        }
        if (episodes == 0 || m.span().isZero()) {
            return Optional.empty();
        }
        FaultClass.Kind kind = hangs * 2 > failures.size() && c.heartbeat().isPresent()
                ? FaultClass.Kind.HANG : FaultClass.Kind.CRASH;
        List<ComponentId> victims = spreadFrom.entrySet().stream().filter(e -> e.getValue().equals(c.id()))
                .map(Map.Entry::getKey).sorted().toList();
        victims = victims.stream().filter(v -> kind == FaultClass.Kind.CRASH
                || m.map().component(v).flatMap(Component::heartbeat).isPresent()).toList();
        return Optional.of(new FaultClass(c.name() + "-" + kind.name().toLowerCase(Locale.ROOT),
                c.id(), kind, Duration.ofMillis(Math.max(1, m.span().toMillis() / episodes)), cure(m, c.id()),
                Duration.ofSeconds(1), victims, Duration.ofMillis(200), 0));
    }

    /** Where its restarts cured: alone if its smallest group's did, else all of the nearest group that did. */
    private static FaultClass.Cure cure(Measurements m, ComponentId c) {
        List<CureCount> cures = m.curesOf(c);
        CureCount best = null;
        for (CureCount count : cures) {
            if (count.cured() > 0 && count.rate() >= 0.5) {
                best = count;
                break;
            }
        }
        if (best == null) {
            best = cures.stream().filter(x -> x.cured() > 0).findFirst().orElse(null);
        }
        if (best == null) {
            boolean triedAny = cures.stream().anyMatch(x -> x.tried() > 0);
            return triedAny && !m.giveUps().isEmpty() ? FaultClass.Cure.never("no restart (none cured it)")
                    : FaultClass.Cure.by(Set.of(c), "its own restart (assumed: no restart was measured)");
        }
        if (best == cures.get(0)) {
            return FaultClass.Cure.by(Set.of(c), "its own restart");
        }
        GroupId group = best.group();
        Set<ComponentId> under = new LinkedHashSet<>();
        m.map().componentsUnder(group).forEach(x -> under.add(x.id()));
        return FaultClass.Cure.by(new HashSet<>(under), "a restart of " + group);
    }
}
