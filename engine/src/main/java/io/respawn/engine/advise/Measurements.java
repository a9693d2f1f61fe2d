package io.respawn.engine.advise;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.GroupId;
import io.respawn.facts.Restart;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a journal shows, once replayed through the rules: the failures the rules believed,
 * the restarts they decided and which of those cured, how long each restart took to
 * start each component again, and the give-ups.
 *
 * @param map          the restart map in force at the end of the journal
 * @param mapYaml      its text
 * @param startDelays  per restart id, per component: ms from the decision to the component's process started
 * @param outcomeDelays per restart id: ms from the decision to the agent's restart outcome
 * @param cured        ids of restarts that cured (no member failed within the cure window)
 * @param uncured      ids of restarts that did not cure (a member failed again: escalated or given up)
 */
public record Measurements(String source, RestartMap map, String mapYaml, Instant first, Instant last, long facts,
                           List<Failure> failures, List<Restart> restarts,
                           Map<String, Map<ComponentId, Long>> startDelays, Map<String, Long> outcomeDelays,
                           Set<String> cured, Set<String> uncured, List<GiveUp> giveUps) {
    /** How a component's restarts at one group went. */
    public record CureCount(GroupId group, int depth, int tried, int cured, int uncured) {
        /** Cured among the restarts whose outcome is known; NaN if none is. */
        public double rate() {
            return cured + uncured == 0 ? Double.NaN : cured / (double) (cured + uncured);
        }
    }

    /**
     * Two components' failures close in time: {@code sharedA} of {@code a}'s {@code failuresA}
     * failures had one of {@code b}'s within the window, and the other way round.
     */
    public record CoFailure(ComponentId a, ComponentId b, int sharedA, int failuresA, int sharedB, int failuresB) {
        /** The smaller of the two shares: how surely they fail together. */
        public double share() {
            return Math.min(sharedA / (double) failuresA, sharedB / (double) failuresB);
        }
    }

    /** Every pair of components with at least one co-failure within {@code window}, most shared first. */
    public List<CoFailure> coFailures(Duration window) {
        List<ComponentId> failing = failures.stream().map(Failure::component).distinct().sorted().toList();
        List<CoFailure> out = new ArrayList<>();
        for (int i = 0; i < failing.size(); i++) {
            for (int j = i + 1; j < failing.size(); j++) {
                List<Failure> fa = failuresOf(failing.get(i));
                List<Failure> fb = failuresOf(failing.get(j));
                int sharedA = shared(fa, fb, window);
                if (sharedA > 0) {
                    out.add(new CoFailure(failing.get(i), failing.get(j), sharedA, fa.size(), shared(fb, fa, window),
                            fb.size()));
                }
            }
        }
        out.sort(Comparator.comparingDouble(CoFailure::share).reversed()
                .thenComparing(CoFailure::a).thenComparing(CoFailure::b));
        return out;
    }

    private static int shared(List<Failure> of, List<Failure> with, Duration window) {
        long ms = window.toMillis();
        int n = 0;
        for (Failure f : of) {
            long t = f.at().toEpochMilli();
            if (with.stream().anyMatch(g -> Math.abs(g.at().toEpochMilli() - t) <= ms)) {
                n++;
            }
        }
        return n;
    }

    /** Time covered by the journal. */
    public Duration span() {
        return first == null ? Duration.ZERO : Duration.between(first, last);
    }

    public List<Failure> failuresOf(ComponentId component) {
        return failures.stream().filter(f -> f.component().equals(component)).toList();
    }

    /** Mean ms from a restart decided to {@code component} started again, over every restart that restarted it. */
    public OptionalDouble restartTimeOf(ComponentId component) {
        return startDelays.values().stream().filter(m -> m.containsKey(component))
                .mapToLong(m -> m.get(component)).average();
    }

    /**
     * Mean ms from a restart of {@code group} decided to the restart done (the agent's outcome,
     * else the last member started).
     */
    public OptionalDouble restartTimeOfGroup(GroupId group) {
        return restarts.stream().filter(r -> r.group().equals(group)).mapToLong(r -> {
            Long outcome = outcomeDelays.get(r.id());
            if (outcome != null) {
                return outcome;
            }
            return startDelays.getOrDefault(r.id(), Map.of()).values().stream().mapToLong(Long::longValue).max()
                    .orElse(-1);
        }).filter(ms -> ms >= 0).average();
    }

    /** Restarts decided for {@code component}'s failures, per group restarted, smallest group first. */
    public List<CureCount> curesOf(ComponentId component) {
        Map<GroupId, int[]> counts = new LinkedHashMap<>();
        for (GroupId g = map.smallestGroupOf(component); g != null; g = map.parentOf(g).orElse(null)) {
            counts.put(g, new int[3]);
        }
        for (Restart r : restarts) {
            int[] c = counts.get(r.group());
            if (r.component().equals(component) && c != null) {
                c[0]++;
                c[1] += cured.contains(r.id()) ? 1 : 0;
                c[2] += uncured.contains(r.id()) ? 1 : 0;
            }
        }
        List<CureCount> out = new ArrayList<>();
        counts.forEach((g, c) -> out.add(new CureCount(g, depth(g), c[0], c[1], c[2])));
        return out;
    }

    int depth(GroupId group) {
        int depth = 0;
        for (GroupId g = map.parentOf(group).orElse(null); g != null; g = map.parentOf(g).orElse(null)) {
            depth++;
        }
        return depth;
    }
}
