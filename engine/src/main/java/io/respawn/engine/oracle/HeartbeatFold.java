package io.respawn.engine.oracle;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatSilent;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.log.CheckpointRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.LongConsumer;

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
 *
 * <p>Replaying a journal checkpoint, which leaves routine heartbeats out, the deadlines
 * would fall where the live run had a heartbeat: between {@link #recordSilences} and
 * {@link #restore(CheckpointRecord.End)} the silences are the recorded ones only
 * ({@link #record}), each at the clock time it fell live, and at the end the state of every
 * component is set to what the live fold had ({@link #restore(CheckpointRecord.Liveness)}).
 * The journal's compactor runs a fold of its own beside the oracle's to know exactly which
 * heartbeats the rules saw and which silences fell ({@link #liveness}).
 */
public final class HeartbeatFold {
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
    /** Silences recorded in a checkpoint, in the order they fell; in use while {@code recorded} is set. */
    private final Queue<CheckpointRecord.Silence> recordedSilences = new ArrayDeque<>();
    private boolean recorded;
    private long ignored;

    /** Takes the component policies of a (new) map; state of components still present is kept. */
    public void configure(List<ComponentPolicy> policies) {
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

    public void started(ProcessStarted start) {
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

    public void exited(ProcessExited exit) {
        Liveness state = components.get(exit.component());
        if (state != null && (state.pid == null || state.pid == exit.pid())) {
            disarm(state);
        }
    }

    /**
     * The link to {@code node} went down: nothing is heard from its components, so their
     * deadlines are suspended (silence there means unknown, not failed).
     */
    public void linkDown(String node) {
        for (Liveness state : components.values()) {
            if (state.policy.node().equals(node) && state.armed) {
                disarm(state);
                state.suspended = true;
            }
        }
    }

    /** The link to {@code node} is back: suspended deadlines start again from {@code at}, a full timeout away. */
    public void linkUp(String node, String factId, Instant at) {
        for (Liveness state : components.values()) {
            if (state.policy.node().equals(node) && state.suspended) {
                state.suspended = false;
                arm(state, factId, at, state.timeoutMs);
            }
        }
    }

    /** Folds one heartbeat; true if the rule session should see it. */
    public boolean beat(Heartbeat beat) {
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
    public long nextDeadlineMillis() {
        if (recorded) {
            CheckpointRecord.Silence next = recordedSilences.peek();
            return next == null ? Long.MAX_VALUE : next.at().toEpochMilli();
        }
        dropStale();
        Deadline head = deadlines.peek();
        return head == null ? Long.MAX_VALUE : head.atMillis();
    }

    /** Silences due at or before {@code nowMillis}, each once, in deadline order. */
    public List<HeartbeatSilent> expire(long nowMillis) {
        List<HeartbeatSilent> due = new ArrayList<>();
        if (recorded) {
            while (nextDeadlineMillis() <= nowMillis) {
                HeartbeatSilent silence = recordedSilences.poll().silence();
                Liveness state = components.get(silence.component());
                if (state != null) {
                    disarm(state);
                }
                due.add(silence);
            }
            return due;
        }
        while (nextDeadlineMillis() <= nowMillis) {
            Deadline deadline = deadlines.poll();
            Liveness state = components.get(deadline.component());
            due.add(HeartbeatSilent.after(state.lastFactId, state.lastSeenAt, deadline.component(), state.timeoutMs));
            disarm(state);
        }
        return due;
    }

    /** Heartbeats not shown to the rules because of an unknown component, a stale PID or sequence. */
    public long ignored() {
        return ignored;
    }

    /**
     * Takes a record of a checkpoint: from its begin on, silences are the recorded ones; at its
     * end the fold takes the live fold's state, once {@code advanceTo} has moved the caller's
     * clock to the end's time (epoch ms) and shown it every recorded silence due by then.
     */
    public void take(CheckpointRecord record, LongConsumer advanceTo) {
        if (record instanceof CheckpointRecord.Begin) {
            recordSilences();
        } else if (record instanceof CheckpointRecord.Silence silence) {
            record(silence);
        } else if (record instanceof CheckpointRecord.Liveness state) {
            restore(state);
        } else if (record instanceof CheckpointRecord.End end) {
            advanceTo.accept(end.at().toEpochMilli());
            restore(end);
        }
    }

    /**
     * From now on, until {@link #restore(CheckpointRecord.End)}, silences are the recorded
     * ones only: the deadlines of the heartbeats replayed are not the live run's.
     */
    public void recordSilences() {
        recorded = true;
    }

    /** A silence the live fold found, due at its {@code at}; only while replaying a checkpoint. */
    public void record(CheckpointRecord.Silence silence) {
        if (!recorded) {
            throw new IllegalStateException("heartbeat fold - a recorded silence outside a checkpoint: "
                    + silence.component() + " at " + silence.at());
        }
        recordedSilences.add(silence);
    }

    /** Sets the state of one component to what the live fold had; a component the map does not name is left out. */
    public void restore(CheckpointRecord.Liveness saved) {
        Liveness state = components.get(saved.component());
        if (state == null) {
            return;
        }
        state.pid = saved.pid();
        state.awaitingFirst = saved.awaitingFirst();
        state.status = saved.status();
        state.seq = saved.seq();
        state.lastFactId = saved.lastFactId();
        state.lastSeenAt = saved.lastSeenAt();
        state.timeoutMs = saved.timeoutMs();
        state.suspended = saved.suspended();
        disarm(state);
        if (saved.armed()) {
            state.deadlineMillis = saved.lastSeenAt().toEpochMilli() + saved.timeoutMs();
            state.armed = true;
        }
    }

    /**
     * The end of a checkpoint: the counter of ignored heartbeats as the live fold had it, the
     * deadlines armed again, and from now on silences come from them.
     *
     * @throws IllegalStateException if a recorded silence was never reached (the checkpoint is not
     *         consistent); the fold runs on its own deadlines all the same
     */
    public void restore(CheckpointRecord.End end) {
        int unreached = recordedSilences.size();
        CheckpointRecord.Silence first = recordedSilences.peek();
        recordedSilences.clear();
        recorded = false;
        ignored = end.ignored();
        deadlines.clear();
        for (Liveness state : components.values()) {
            state.queuedMillis = Long.MAX_VALUE;
            if (state.armed) {
                queue(state);
            }
        }
        if (first != null) {
            throw new IllegalStateException("heartbeat fold - " + unreached + " recorded silences after the end of"
                    + " the checkpoint at " + end.at() + ", the first of " + first.component() + " at " + first.at());
        }
    }

    /** The state of every component, in component order: what a checkpoint records at its end. */
    public List<CheckpointRecord.Liveness> liveness() {
        List<CheckpointRecord.Liveness> all = new ArrayList<>(components.size());
        for (Liveness state : components.values()) {
            all.add(new CheckpointRecord.Liveness(state.policy.component(), state.pid, state.awaitingFirst,
                    state.status, state.seq, state.lastFactId, state.lastSeenAt, state.timeoutMs, state.armed,
                    state.suspended));
        }
        all.sort((a, b) -> a.component().compareTo(b.component()));
        return all;
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
