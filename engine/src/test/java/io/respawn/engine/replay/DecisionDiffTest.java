package io.respawn.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.replay.DecisionDiff.Kind;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Escalate;
import io.respawn.facts.GroupId;
import io.respawn.facts.InferDependency;
import io.respawn.facts.Restart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionDiffTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
    private static final Duration WITHIN = Duration.ofMinutes(1);

    private static ReplayedDecision restart(long ms, String group, String component, String failure, String rule) {
        return new ReplayedDecision(Restart.of(T0.plusMillis(ms), GroupId.of(group), ComponentId.of(component),
                failure, rule, List.of(failure)), 10);
    }

    private static ReplayedDecision escalate(long ms, String from, String to, String component, String failure) {
        return new ReplayedDecision(Escalate.of(T0.plusMillis(ms), GroupId.of(from), GroupId.of(to),
                ComponentId.of(component), failure, "not cured", "ESC-01 Escalate", List.of(failure)), 12);
    }

    private static ReplayedDecision infer(long ms, String dependent, String dependsOn) {
        return new ReplayedDecision(InferDependency.of(T0.plusMillis(ms), ComponentId.of(dependent),
                ComponentId.of(dependsOn), "co-failure", "DEP-01 Infer", List.of("e1", "e2")), 20);
    }

    @Test
    void sameDecisions_areIdentical() {
        List<ReplayedDecision> day = List.of(restart(0, "infra", "db", "f-1", "RS-01 Restart"),
                escalate(5_000, "infra", "root", "db", "f-2"));

        DecisionDiff.Result result = DecisionDiff.compare(day, List.copyOf(day), WITHIN);

        assertThat(result.identical()).isTrue();
        assertThat(result.same()).isEqualTo(2);
    }

    @Test
    void sameEffectByARenamedRule_isNotADifference() {
        // The rule name and the evidence (so the id) differ; group, component and time do not.
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(0, "infra", "db", "f-9", "RS-01b Restart the smallest group");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(a.decision().id()).isNotEqualTo(b.decision().id());
        assertThat(result.identical()).isTrue();
        assertThat(result.same()).isEqualTo(1);
    }

    @Test
    void sameFailureAnotherGroup_isChanged() {
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(0, "root", "db", "f-1", "RS-01 Restart");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(result.differences()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.CHANGED);
            assertThat(e.a()).isSameAs(a);
            assertThat(e.b()).isSameAs(b);
            assertThat(e.changes()).containsExactly("group infra -> root");
        });
    }

    @Test
    void sameFailureFarLater_isChangedWhateverTheWindow() {
        // 0s: A restarts db; 5m: B restarts db for the same failure (beyond the 1m window).
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(300_000, "infra", "db", "f-1", "RS-01 Restart");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(result.differences()).singleElement().satisfies(e -> assertThat(e.changes())
                .containsExactly("time 2026-11-27T10:00:00.000Z -> 2026-11-27T10:05:00.000Z (+5m)"));
    }

    @Test
    void anotherFailureWithinTheWindow_isChanged() {
        // 2s: A restarts db for f-1; 5s: B restarts root for db's f-7 (detected later by another rule).
        ReplayedDecision a = restart(2_000, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(5_000, "root", "db", "f-7", "RS-02 Restart the root");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(result.differences()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.CHANGED);
            assertThat(e.changes()).containsExactly("group infra -> root",
                    "time 2026-11-27T10:00:02.000Z -> 2026-11-27T10:00:05.000Z (+3s)",
                    "rule \"RS-01 Restart\" -> \"RS-02 Restart the root\"");
        });
    }

    @Test
    void anotherFailureBeyondTheWindow_isOnlyInAAndOnlyInB() {
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(61_000, "infra", "db", "f-2", "RS-01 Restart");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(result.differences()).extracting(DecisionDiff.Entry::kind)
                .containsExactly(Kind.ONLY_IN_A, Kind.ONLY_IN_B);
    }

    @Test
    void anotherSubject_isNeverPaired() {
        // Same time, same group, but a restart for web is no alternative to a restart for db.
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(0, "infra", "web", "f-2", "RS-01 Restart");

        DecisionDiff.Result result = DecisionDiff.compare(List.of(a), List.of(b), WITHIN);

        assertThat(result.count(Kind.ONLY_IN_A)).isEqualTo(1);
        assertThat(result.count(Kind.ONLY_IN_B)).isEqualTo(1);
        assertThat(result.count(Kind.CHANGED)).isZero();
    }

    @Test
    void oneRestartFewerInTheMiddle_isOnlyThatOne() {
        // A restarts db at 0s, 90s and 180s; B at 0s and 180s: B dropped the middle one.
        List<ReplayedDecision> a = List.of(restart(0, "infra", "db", "f-1", "RS-01 Restart"),
                restart(90_000, "infra", "db", "f-2", "RS-01 Restart"),
                restart(180_000, "infra", "db", "f-3", "RS-01 Restart"));
        List<ReplayedDecision> b = List.of(a.get(0), a.get(2));

        DecisionDiff.Result result = DecisionDiff.compare(a, b, WITHIN);

        assertThat(result.same()).isEqualTo(2);
        assertThat(result.differences()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.ONLY_IN_A);
            assertThat(e.a()).isSameAs(a.get(1));
        });
    }

    @Test
    void differences_comeInTimeOrder() {
        List<ReplayedDecision> a = List.of(infer(30_000, "web", "db"), escalate(1_000, "infra", "root", "db", "f-1"));
        List<ReplayedDecision> b = List.of(restart(10_000, "apps", "web", "f-5", "RS-01 Restart"));

        DecisionDiff.Result result = DecisionDiff.compare(a, b, WITHIN);

        assertThat(result.differences()).extracting(e -> e.at().toEpochMilli() - T0.toEpochMilli())
                .containsExactly(1_000L, 10_000L, 30_000L);
    }

    @Test
    void text_marksEachSideAndCounts() {
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");
        ReplayedDecision b = restart(0, "root", "db", "f-1", "RS-01 Restart");
        ReplayedDecision onlyB = infer(4_000, "web", "db");

        List<String> lines = DiffText.lines(DecisionDiff.compare(List.of(a), List.of(b, onlyB), WITHIN),
                "default rules", 1, "my-rules", 2);

        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("--- A: default rules (1 decision)");
        assertThat(lines.get(1)).isEqualTo("+++ B: my-rules (2 decisions)");
        assertThat(lines.get(2)).isEqualTo("~ restart for db: group infra -> root");
        assertThat(lines.get(3)).startsWith("    A 2026-11-27T10:00:00.000Z  restart").contains("group=infra for=db",
                "rule=\"RS-01 Restart\"", "evidence=f-1", "(line 10)");
        assertThat(lines.get(4)).startsWith("    B ").contains("group=root for=db");
        assertThat(lines.get(5)).isEqualTo("+ " + DecisionText.human(onlyB));
        assertThat(DiffText.closing(DecisionDiff.compare(List.of(a), List.of(b, onlyB), WITHIN)))
                .isEqualTo("2 decisions differ: 0 only in A, 1 only in B, 1 changed; 0 the same");
    }

    @Test
    void text_ofIdenticalReplays_saysSo() {
        ReplayedDecision a = restart(0, "infra", "db", "f-1", "RS-01 Restart");

        List<String> lines = DiffText.lines(DecisionDiff.compare(List.of(a), List.of(a), WITHIN), "x", 1, "y", 1);

        assertThat(lines).last().isEqualTo("no decision differs (1 the same)");
    }
}
