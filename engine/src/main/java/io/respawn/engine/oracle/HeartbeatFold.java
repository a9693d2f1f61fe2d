package io.respawn.engine.oracle;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatSilent;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Folds heartbeats into per-component liveness state so the rule session sees only
 * what changes a belief: the first heartbeat after a start, a change of status, and a
 * silence (a {@link HeartbeatSilent} when the timeout runs out). Every heartbeat is
 * still journaled; this only keeps tens of thousands of routine beats per second out of
 * the session and replaces a cancelled rule timer per beat by one lazily-deleted
 * deadline.
 *
 * <p>Deadlines: after a start, the first heartbeat is due within the start-up grace;
 * after a heartbeat, the next within the heartbeat timeout. An exit disarms. Heartbeats
 * from another PID than the current process, or with a sequence number not above the
 * last, are ignored.
 *
 * <p>The queue holds at most one entry per armed component. A heartbeat only moves the
 * component's deadline later, so it touches the queue only when its deadline comes
 * earlier than the queued one; when a queued entry comes up early, it is queued again at
 * the component's real deadline. Routine beats thus cost a map lookup, not a queue insert.
 */
final class HeartbeatFold {
    private record Deadline(long atMillis, ComponentId component, long generation) {
    }

    private static final class Liveness {
        final ComponentPolicy policy;
        Long pid;
        boolean awaitingFirst = true;
        HeartbeatStatus status;
        long seq = -1;
        long generation;
        String lastFactId;
        Instant lastSeenAt;
        long timeoutMs;
        long deadlineMillis;
        long queuedMillis = Long.MAX_VALUE;
        boolean armed;
        boolean suspended;

        Liveness(ComponentPolicy policy) {
            this.policy = policy;
        }
    }

    private final Map<ComponentId, Liveness> components = new HashMap<>();
    /** Earliest first; equal times in component order, so replay expires them in the order the live run did. */
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> a.atMillis() != b.atMillis()
            ? Long.compare(a.atMillis(), b.atMillis()) : a.component().compareTo(b.component()));
    private long ignored;

    /** Takes the component policies of a (new) map; state of components still present is kept. */
    void configure(List<ComponentPolicy> policies) {
        Map<ComponentId, Liveness> previous = new HashMap<>(components);
        components.clear();
        deadlines.clear();
        for (ComponentPolicy policy : policies) {
            Liveness old = previous.get(policy.component());
            Liveness fresh = new Liveness(policy);
            if (old != null) {
                fresh.pid = old.pid;
                fresh.awaitingFirst = old.awaitingFirst;
                fresh.status = old.status;
                fresh.seq = old.seq;
            }
            components.put(policy.component(), fresh);
            if (old != null && old.armed && policy.heartbeatTimeoutMs() > 0) {
                arm(fresh, old.lastFactId, old.lastSeenAt, old.timeoutMs);
            }
        }
    }

    void started(ProcessStarted start) {
        Liveness state = components.get(start.component());
        if (state == null) {
            return;
        }
        state.pid = start.pid();
        state.suspended = false;
        state.awaitingFirst = true;
        state.status = null;
        state.seq = -1;
        if (state.policy.heartbeatTimeoutMs() > 0) {
            arm(state, start.id(), start.at(), state.policy.startupGraceMs());
        } else {
            disarm(state);
        }
    }

    void exited(ProcessExited exit) {
        Liveness state = components.get(exit.component());
        if (state != null && (state.pid == null || state.pid == exit.pid())) {
            disarm(state);
        }
    }

    /**
     * The link to {@code node} went down: nothing is heard from its components, so their
     * deadlines are suspended (silence there means unknown, not failed).
     */
    void linkDown(String node) {
        for (Liveness state : components.values()) {
            if (state.policy.node().equals(node) && state.armed) {
                disarm(state);
                state.suspended = true;
            }
        }
    }

    /** The link to {@code node} is back: suspended deadlines start again from {@code at}, a full timeout away. */
    void linkUp(String node, String factId, Instant at) {
        for (Liveness state : components.values()) {
            if (state.policy.node().equals(node) && state.suspended) {
                state.suspended = false;
                arm(state, factId, at, state.timeoutMs);
            }
        }
    }

    /** Folds one heartbeat; true if the rule session should see it. */
    boolean beat(Heartbeat beat) {
        Liveness state = components.get(beat.component());
        long pid = pidOf(beat.gpid());
        if (state == null || (state.pid != null && state.pid != pid) || beat.seq() <= state.seq) {
            ignored++;
            return false;
        }
        boolean news = state.awaitingFirst || beat.status() != state.status;
        state.pid = pid;
        state.awaitingFirst = false;
        state.status = beat.status();
        state.seq = beat.seq();
        if (state.policy.heartbeatTimeoutMs() > 0) {
            arm(state, beat.id(), beat.at(), state.policy.heartbeatTimeoutMs());
        }
        return news;
    }

    /** The earliest armed deadline in epoch ms, or {@link Long#MAX_VALUE}. */
    long nextDeadlineMillis() {
        dropStale();
        Deadline head = deadlines.peek();
        return head == null ? Long.MAX_VALUE : head.atMillis();
    }

    /** Silences due at or before {@code nowMillis}, each once, in deadline order. */
    List<HeartbeatSilent> expire(long nowMillis) {
        List<HeartbeatSilent> due = new ArrayList<>();
        while (nextDeadlineMillis() <= nowMillis) {
            Deadline deadline = deadlines.poll();
            Liveness state = components.get(deadline.component());
            due.add(HeartbeatSilent.after(state.lastFactId, state.lastSeenAt, deadline.component(), state.timeoutMs));
            disarm(state);
        }
        return due;
    }

    /** Heartbeats not shown to the rules because of an unknown component, a stale PID or sequence. */
    long ignored() {
        return ignored;
    }

    private void arm(Liveness state, String factId, Instant seenAt, long timeoutMs) {
        state.lastFactId = factId;
        state.lastSeenAt = seenAt;
        state.timeoutMs = timeoutMs;
        state.deadlineMillis = seenAt.toEpochMilli() + timeoutMs;
        state.armed = true;
        if (state.deadlineMillis < state.queuedMillis) {
            queue(state);
        }
    }

    private void queue(Liveness state) {
        state.generation++;
        state.queuedMillis = state.deadlineMillis;
        deadlines.add(new Deadline(state.deadlineMillis, state.policy.component(), state.generation));
    }

    private static void disarm(Liveness state) {
        state.generation++;
        state.armed = false;
        state.queuedMillis = Long.MAX_VALUE;
    }

    /** Drops entries of disarmed or re-queued components and re-queues entries that came up early. */
    private void dropStale() {
        Deadline head;
        while ((head = deadlines.peek()) != null) {
            Liveness state = components.get(head.component());
            if (state == null || !state.armed || state.generation != head.generation()) {
                deadlines.poll();
            } else if (state.deadlineMillis > head.atMillis()) {
                deadlines.poll();
                queue(state);
            } else {
                return;
            }
        }
    }

    private static long pidOf(String gpid) {
        String pid = gpid.substring(gpid.lastIndexOf(':') + 1);
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
