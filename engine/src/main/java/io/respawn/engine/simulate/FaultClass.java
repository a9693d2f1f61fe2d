package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Require;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A kind of fault that strikes one component: it arrives at random (exponential gaps of
 * mean {@code every}), shows as a crash or a hang, and is cured only by a restart that
 * restarts every component of {@code cure} together (or never). Until then it comes back
 * {@code recurs} after each start of the component. It may spread: {@code spreadAfter}
 * after it strikes, each of {@code spreadTo} fails the same way (cured by its own restart).
 *
 * @param line the spec line that declares it, for messages
 */
public record FaultClass(String name, ComponentId component, Kind kind, Duration every, Cure cure, Duration recurs,
                         List<ComponentId> spreadTo, Duration spreadAfter, int line) {
    /** How a fault shows. */
    public enum Kind {
        /** The process exits unasked (a {@code process-exited}, not expected). */
        CRASH,
        /** The process stays but falls silent: its heartbeats stop. */
        HANG
    }

    public FaultClass {
        Require.notBlank("fault.name", name);
        Require.notNull("fault.component", component);
        Require.notNull("fault.kind", kind);
        Require.notNull("fault.every", every);
        Require.notNull("fault.cure", cure);
        Require.notNull("fault.recurs", recurs);
        spreadTo = Require.list("fault.spreadTo", spreadTo);
        Require.notNull("fault.spreadAfter", spreadAfter);
    }

    /**
     * What cures a fault: a restart that restarts all of {@code together} in one go, or
     * nothing ({@code never}). {@code text} is how the spec said it.
     */
    public record Cure(boolean never, Set<ComponentId> together, String text) {
        public Cure {
            together = Set.copyOf(together);
        }

        public static Cure never(String text) {
            return new Cure(true, Set.of(), text);
        }

        public static Cure by(Set<ComponentId> together, String text) {
            return new Cure(false, together, text);
        }

        /** True when restarting {@code restarted} together cures the fault. */
        public boolean curedBy(Set<ComponentId> restarted) {
            return !never && restarted.containsAll(together);
        }
    }
}
