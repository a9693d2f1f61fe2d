package io.respawn.engine.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the board shows: immutable snapshots, written as JSON by the console as they are. */
public final class Views {
    private Views() {
    }

    /** A component as the board sees it; {@code uptimeMs} is measured at the snapshot's time, 0 when not running. */
    public record ComponentView(String name, String group, ComponentState state, String node, long pid,
                                Instant startedAt, long uptimeMs, int restarts, FailureView lastFailure,
                                String lastExit) {
    }

    /** The last failure the rules concluded for a component: when, why (cause and detail), which rule, on what. */
    public record FailureView(String id, Instant at, String cause, String detail, String words, String rule,
                              List<String> evidence) {
    }

    /** A restart group with what lies directly below it, in declared order. */
    public record GroupView(String name, ComponentState state, boolean paused, boolean givenUp, int restarts,
                            List<GroupView> groups, List<ComponentView> components) {
    }

    /** One entry of the decision log: what was decided, in plain words, by which rule, on which facts. */
    public record DecisionView(long seq, String id, Instant at, String type, String what, String words, String rule,
                               String group, String component, List<EvidenceView> evidence) {
    }

    /** A fact behind a decision, in words; a failure lists the facts behind it in turn. */
    public record EvidenceView(String id, String text, List<EvidenceView> because) {
    }

    /** A give-up: open until an operator acknowledges it. */
    public record GiveUpView(String decision, Instant at, String group, String component, String reason, String rule,
                             boolean open, String acknowledgedBy, Instant acknowledgedAt) {
    }

    /** An inferred dependency awaiting an operator's review. */
    public record DependencyView(String decision, Instant at, String dependent, String dependsOn, String reason,
                                 String rule) {
    }

    /** A restart that brought the failed component back: from the failure's detection to its new start. */
    public record RecoveryView(String component, String group, String restart, long millis) {
    }

    /** The summary: counts by state, groups paused and given up, agents, facts seen. */
    public record Summary(Instant at, String map, Map<String, Integer> components, List<String> paused,
                          List<String> givenUp, int openGiveUps, int dependenciesAwaitingReview,
                          Map<String, String> agents, long facts, long decisions) {
    }

    /** The last decision about a component and why, for {@code respawn why}. */
    public record WhyView(String component, ComponentView now, DecisionView decision, String words) {
    }
}
