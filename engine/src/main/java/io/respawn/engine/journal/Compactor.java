package io.respawn.engine.journal;

import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the part of a journal that a replay needs to reach the same state: every fact
 * except routine heartbeats and ticks. What it keeps is a fact log that, replayed, gives
 * the rules the same facts at the same times, hence the same beliefs, decisions and ids.
 *
 * <p>Why dropping those is safe. The oracle shows the rules only the first heartbeat after
 * a start and changes of status; a routine beat only moves its component's silence
 * deadline. A routine beat is dropped when the next beat of its component came before the
 * deadline of the last kept one, so no silence falls in the gap either way; the beat before
 * a silence, the last beat of every component and every beat near a start, an exit, a link
 * change or a new map are kept. A tick only moves the clock, and every rule timer and
 * deadline on the way is stepped through whether or not the tick is there; the last fact
 * is kept so the clock ends where it did. The last fact of every agent run is kept so its
 * acknowledged sequence number is rebuilt.
 *
 * <p>This mirrors the oracle's heartbeat fold: pid, sequence, status and "awaiting the
 * first beat" per component. Anything it does not recognise is kept. Not thread-safe.
 */
final class Compactor {
    private record Line(long seq, String text) {
    }

    private static final class Beats {
        final long timeoutMs;
        Long pid;
        long seq = -1;
        HeartbeatStatus status;
        boolean awaitingFirst = true;
        boolean dirty = true;
        long lastKeptAtMillis;
        Line pending;
        long pendingAtMillis;

        Beats(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }
    }

    private final TreeMap<Long, String> kept = new TreeMap<>();
    private final Map<ComponentId, Beats> components = new HashMap<>();
    private final Map<String, Line> lastOfRun = new HashMap<>();
    private Line last;
    private String mapLine;
    private long seq;

    /** Takes the next fact of the journal and its line (without the newline). */
    void add(Observation fact, String line) {
        Line entry = new Line(seq++, line);
        last = entry;
        String run = agentRun(fact.id());
        if (run != null) {
            lastOfRun.put(run, entry);
        }
        if (fact instanceof Heartbeat beat) {
            beat(beat, entry);
        } else if (fact instanceof Tick) {
            return;
        } else {
            if (fact instanceof MapInForce map) {
                configure(map);
                mapLine = line;
            } else if (fact instanceof AgentLink) {
                for (Beats state : components.values()) {
                    flush(state);
                }
            } else if (fact instanceof ProcessStarted start) {
                Beats state = components.get(start.component());
                if (state != null) {
                    flush(state);
                    state.pid = start.pid();
                    state.seq = -1;
                    state.status = null;
                    state.awaitingFirst = true;
                }
            } else if (fact instanceof ProcessExited exit) {
                Beats state = components.get(exit.component());
                if (state != null) {
                    flush(state);
                }
            }
            kept.put(entry.seq(), line);
        }
    }

    /** The latest map fact's line, or null. */
    String mapLine() {
        return mapLine;
    }

    /** The kept lines in journal order, as of now (pending beats and the last line included). */
    List<String> snapshot() {
        TreeMap<Long, String> all = new TreeMap<>(kept);
        for (Beats state : components.values()) {
            if (state.pending != null) {
                all.put(state.pending.seq(), state.pending.text());
            }
        }
        for (Line line : lastOfRun.values()) {
            all.put(line.seq(), line.text());
        }
        if (last != null) {
            all.put(last.seq(), last.text());
        }
        return new ArrayList<>(all.values());
    }

    private void beat(Heartbeat beat, Line entry) {
        Beats state = components.get(beat.component());
        long pid = pidOf(beat.gpid());
        if (state == null || (state.pid != null && state.pid != pid) || beat.seq() <= state.seq) {
            kept.put(entry.seq(), entry.text());            // ignored by the oracle: kept as it was
            return;
        }
        boolean news = state.awaitingFirst || beat.status() != state.status;
        state.pid = pid;
        state.seq = beat.seq();
        state.status = beat.status();
        state.awaitingFirst = false;
        long at = beat.at().toEpochMilli();
        if (news || state.dirty) {
            flush(state);
            keep(state, entry, at);
            return;
        }
        if (state.pending != null) {
            if (state.timeoutMs == 0 || at < state.lastKeptAtMillis + state.timeoutMs) {
                state.pending = null;                         // re-armed before the kept deadline: not needed
            } else {
                flush(state);                                 // its deadline matters: it stays
                state.dirty = false;
            }
        }
        state.pending = entry;                                // a silence before it (if any) is the same either way
        state.pendingAtMillis = at;
    }

    private void keep(Beats state, Line entry, long atMillis) {
        kept.put(entry.seq(), entry.text());
        state.lastKeptAtMillis = atMillis;
        state.dirty = false;
    }

    /** Keeps the pending beat of {@code state}, and the next beat too (something else touched the component). */
    private void flush(Beats state) {
        if (state.pending != null) {
            keep(state, state.pending, state.pendingAtMillis);
            state.pending = null;
        }
        state.dirty = true;
    }

    private void configure(MapInForce map) {
        List<ComponentPolicy> policies = new ArrayList<>();
        try {
            for (Object policy : RestartMap.parse(map.yaml(), map.source()).policyFacts()) {
                if (policy instanceof ComponentPolicy c) {
                    policies.add(c);
                }
            }
        } catch (MapException | RuntimeException e) {
            components.values().forEach(this::flush);
            components.clear();                               // every beat kept until a good map
            return;
        }
        Map<ComponentId, Beats> previous = new HashMap<>(components);
        previous.values().forEach(this::flush);
        components.clear();
        for (ComponentPolicy policy : policies) {
            Beats fresh = new Beats(policy.heartbeatTimeoutMs());
            Beats old = previous.get(policy.component());
            if (old != null) {
                fresh.pid = old.pid;
                fresh.seq = old.seq;
                fresh.status = old.status;
                fresh.awaitingFirst = old.awaitingFirst;
            }
            components.put(policy.component(), fresh);
        }
    }

    /** {@code node/incarnation} of an agent fact id {@code node/incarnation/seq}, or null. */
    static String agentRun(String id) {
        int last = id.lastIndexOf('/');
        if (last <= 0 || id.startsWith("engine/")) {
            return null;
        }
        for (int i = last + 1; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return null;
            }
        }
        return last + 1 < id.length() ? id.substring(0, last) : null;
    }

    private static long pidOf(String gpid) {
        try {
            return Long.parseLong(gpid.substring(gpid.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
