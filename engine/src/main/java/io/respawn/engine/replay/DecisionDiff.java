package io.respawn.engine.replay;

import io.respawn.facts.Decision;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.map.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The decisions two replays of one log differ in: the policy A/B test.
 *
 * <p>Decisions are matched by what they decide, not by id (an id is derived from the rule
 * name and the evidence, so renaming a rule changes every id below it). Two decisions are
 * <em>the same</em> when they have the same type, act on the same target (see
 * {@link DecisionSubject#target}) and are made at the same time; the rule, the reason and
 * the evidence are shown but not compared. What is left is paired as <em>changed</em> when
 * it is the same type of decision about the same subject (the same failing component, the
 * same group re-armed, the same dependency) and either answers the same failure or is made
 * within {@code within} of the other; a decision left unpaired is only in A or only in B.
 * Pairing walks both sides in time order, so it is linear in the number of decisions.
 */
public final class DecisionDiff {
    /** How far apart in time two decisions about one subject may be and still be paired as changed. */
    public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(1);

    /** What kind of difference an entry is. */
    public enum Kind { ONLY_IN_A, ONLY_IN_B, CHANGED }

    /**
     * One difference.
     *
     * @param a       the decision of replay A (null when only in B)
     * @param b       the decision of replay B (null when only in A)
     * @param changes for a changed pair, what differs in words, e.g. {@code group infra -> root}
     */
    public record Entry(Kind kind, ReplayedDecision a, ReplayedDecision b, List<String> changes) {
        public Entry {
            changes = List.copyOf(changes);
        }

        /** When the difference begins: the earlier of the two decisions. */
        public Instant at() {
            if (a == null) {
                return b.decision().at();
            }
            if (b == null) {
                return a.decision().at();
            }
            return a.decision().at().isAfter(b.decision().at()) ? b.decision().at() : a.decision().at();
        }
    }

    /**
     * The outcome of a comparison.
     *
     * @param differences in time order
     * @param same        how many decisions the two replays share
     */
    public record Result(List<Entry> differences, int same) {
        public Result {
            differences = List.copyOf(differences);
        }

        public boolean identical() {
            return differences.isEmpty();
        }

        public long count(Kind kind) {
            return differences.stream().filter(e -> e.kind() == kind).count();
        }
    }

    private DecisionDiff() {
    }

    /** Compares the decisions of replay A with those of replay B, each in the order they were made. */
    public static Result compare(List<ReplayedDecision> a, List<ReplayedDecision> b, Duration within) {
        Objects.requireNonNull(within, "within");
        List<ReplayedDecision> restA = new ArrayList<>(a);
        List<ReplayedDecision> restB = new ArrayList<>(b);
        int same = removeSame(restA, restB);
        List<Entry> differences = new ArrayList<>();
        Map<String, List<ReplayedDecision>> bySubjectA = bySubject(restA);
        Map<String, List<ReplayedDecision>> bySubjectB = bySubject(restB);
        for (Map.Entry<String, List<ReplayedDecision>> subject : bySubjectA.entrySet()) {
            List<ReplayedDecision> others = bySubjectB.remove(subject.getKey());
            pair(subject.getValue(), others == null ? new ArrayList<>() : others, within, differences);
        }
        for (List<ReplayedDecision> onlyB : bySubjectB.values()) {
            onlyB.forEach(d -> differences.add(new Entry(Kind.ONLY_IN_B, null, d, List.of())));
        }
        differences.sort(Comparator.comparing(Entry::at));
        return new Result(differences, same);
    }

    /** Takes out of both lists every decision the other list has too; returns how many pairs there were. */
    private static int removeSame(List<ReplayedDecision> a, List<ReplayedDecision> b) {
        Map<String, Deque<ReplayedDecision>> waiting = new HashMap<>();
        for (ReplayedDecision d : b) {
            waiting.computeIfAbsent(sameKey(d.decision()), k -> new ArrayDeque<>()).add(d);
        }
        Set<ReplayedDecision> matchedB = Collections.newSetFromMap(new IdentityHashMap<>());
        int same = 0;
        for (var it = a.iterator(); it.hasNext(); ) {
            Deque<ReplayedDecision> candidates = waiting.get(sameKey(it.next().decision()));
            if (candidates != null && !candidates.isEmpty()) {
                matchedB.add(candidates.poll());
                it.remove();
                same++;
            }
        }
        b.removeIf(matchedB::contains);
        return same;
    }

    /**
     * Pairs the decisions about one subject: first those answering the same failure, then,
     * walking both in time order, those within {@code within} of each other.
     */
    private static void pair(List<ReplayedDecision> a, List<ReplayedDecision> b, Duration within,
                             List<Entry> differences) {
        Map<String, Deque<ReplayedDecision>> byFailureB = new HashMap<>();
        for (ReplayedDecision d : b) {
            String failure = DecisionSubject.failure(d.decision());
            if (failure != null) {
                byFailureB.computeIfAbsent(failure, k -> new ArrayDeque<>()).add(d);
            }
        }
        Set<ReplayedDecision> pairedB = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var it = a.iterator(); it.hasNext(); ) {
            ReplayedDecision left = it.next();
            Deque<ReplayedDecision> sameFailure = byFailureB.get(DecisionSubject.failure(left.decision()));
            if (sameFailure != null && !sameFailure.isEmpty()) {
                ReplayedDecision right = sameFailure.poll();
                differences.add(changed(left, right));
                pairedB.add(right);
                it.remove();
            }
        }
        b.removeIf(pairedB::contains);
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            ReplayedDecision left = a.get(i);
            ReplayedDecision right = b.get(j);
            Duration apart = Duration.between(left.decision().at(), right.decision().at()).abs();
            if (apart.compareTo(within) <= 0) {
                differences.add(changed(left, right));
                i++;
                j++;
            } else if (left.decision().at().isBefore(right.decision().at())) {
                differences.add(new Entry(Kind.ONLY_IN_A, left, null, List.of()));
                i++;
            } else {
                differences.add(new Entry(Kind.ONLY_IN_B, null, right, List.of()));
                j++;
            }
        }
        a.subList(i, a.size()).forEach(d -> differences.add(new Entry(Kind.ONLY_IN_A, d, null, List.of())));
        b.subList(j, b.size()).forEach(d -> differences.add(new Entry(Kind.ONLY_IN_B, null, d, List.of())));
    }

    private static Entry changed(ReplayedDecision a, ReplayedDecision b) {
        Decision left = a.decision();
        Decision right = b.decision();
        List<String> changes = new ArrayList<>();
        Map<String, String> targetA = DecisionSubject.target(left);
        Map<String, String> targetB = DecisionSubject.target(right);
        targetA.forEach((field, value) -> {
            String other = targetB.get(field);
            if (!value.equals(other)) {
                changes.add(field + " " + value + " -> " + other);
            }
        });
        if (!left.at().equals(right.at())) {
            Duration shift = Duration.between(left.at(), right.at());
            changes.add("time " + FactJson.format(left.at()) + " -> " + FactJson.format(right.at()) + " ("
                    + (shift.isNegative() ? "" : "+") + Durations.format(shift) + ")");
        }
        if (!left.rule().equals(right.rule())) {
            changes.add("rule \"" + left.rule() + "\" -> \"" + right.rule() + "\"");
        }
        return new Entry(Kind.CHANGED, a, b, changes);
    }

    private static Map<String, List<ReplayedDecision>> bySubject(List<ReplayedDecision> decisions) {
        Map<String, List<ReplayedDecision>> bySubject = new LinkedHashMap<>();
        for (ReplayedDecision d : decisions) {
            String key = DecisionText.type(d.decision()) + " " + DecisionSubject.subject(d.decision());
            bySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        return bySubject;
    }

    private static String sameKey(Decision d) {
        return DecisionText.type(d) + " " + DecisionSubject.target(d) + " " + d.at();
    }
}
