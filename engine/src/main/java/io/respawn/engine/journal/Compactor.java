package io.respawn.engine.journal;

import io.respawn.engine.oracle.HeartbeatFold;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatSilent;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import io.respawn.facts.log.CheckpointRecord;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the part of a journal that a replay needs to reach the same state, as the lines
 * of a checkpoint: every fact except routine heartbeats and ticks, every heartbeat
 * silence where it fell, and at the end the heartbeat fold's state (see
 * {@link CheckpointRecord}). Replayed, it gives the rules the same facts at the same
 * times, hence the same beliefs, decisions and ids, and leaves the fold where the live one
 * was; so it grows with what changed the rules' state, not with the heartbeats.
 *
 * <p>How it knows. It runs a {@link HeartbeatFold} of its own, fed exactly what the
 * oracle's is fed, and moves it through time as the oracle does: before each fact, every
 * deadline up to the fact's time expires, at its deadline or, when that had passed
 * already, at the time of the fact before. So a heartbeat is kept exactly when the fold
 * shows it to the rules (the first after a start, a change of status), and the silences
 * recorded are the oracle's, at its clock times. A tick only moves the clock, and every
 * rule timer on the way is stepped through whether or not it is there; the last fact is
 * kept so the clock ends where it did.
 *
 * <p>The last fact of every agent run is kept too, so its acknowledged sequence number
 * comes back. When that is a heartbeat the rules did not see, it stands in the checkpoint
 * as a tick with its id and time: a recovery needs its id and its time, and the heartbeat
 * itself might be taken by a fold that has not seen the routine beats before it (one the
 * live fold ignored for a stale sequence number would not be ignored). Not thread-safe.
 */
final class Compactor {
    /** A journal line in journal order, and whether it is kept as it is. */
    private record Line(long seq, String text, Observation fact, boolean kept) {
    }

    private final TreeMap<Long, String> kept = new TreeMap<>();
    private final Map<String, Line> lastOfRun = new HashMap<>();
    private final HeartbeatFold fold = new HeartbeatFold();
    private boolean mapInForce;
    private Line last;
    private String mapLine;
    private long clockMillis = Long.MIN_VALUE;
    private long seq;

    /** Takes the next fact of the journal and its line (without the newline). */
    void add(Observation fact, String line) {
        advanceTo(fact.at().toEpochMilli());
        boolean keep = true;                                    // before a good map the oracle refuses it: kept
        if (fact instanceof MapInForce map) {
            configure(map);
            mapLine = line;
        } else if (mapInForce) {
            keep = fold(fact);
        }
        Line entry = new Line(seq++, line, fact, keep);
        if (keep) {
            kept.put(entry.seq(), line);
        }
        last = entry;
        String run = agentRun(fact.id());
        if (run != null) {
            lastOfRun.put(run, entry);
        }
    }

    /**
     * Takes a record of the checkpoint a recovery read: the fold replays the recorded
     * silences (which {@link #add} then keeps again where they fell) and takes the state at
     * the end, as the oracle's does.
     */
    void add(CheckpointRecord record) {
        fold.take(record, this::advanceTo);
    }

    /** The latest map fact's line, or null. */
    String mapLine() {
        return mapLine;
    }

    /** The lines of a checkpoint as of now: begin, the kept lines in journal order, the fold's state, end. */
    List<String> snapshot() {
        TreeMap<Long, String> all = new TreeMap<>(kept);
        for (Line line : lastOfRun.values()) {
            keep(all, line);
        }
        if (last != null) {
            keep(all, last);
        }
        List<CheckpointRecord.Liveness> states = fold.liveness();
        List<String> lines = new ArrayList<>(all.size() + states.size() + 2);
        lines.add(FactLogWriter.line(new CheckpointRecord.Begin()));
        lines.addAll(all.values());
        for (CheckpointRecord.Liveness state : states) {
            lines.add(FactLogWriter.line(state));
        }
        Instant at = Instant.ofEpochMilli(clockMillis == Long.MIN_VALUE ? 0 : clockMillis);
        lines.add(FactLogWriter.line(new CheckpointRecord.End(at, states.size(), fold.ignored())));
        return lines;
    }

    /** Keeps a line left out so far: a heartbeat as a tick with its id and time, anything else as it is. */
    private static void keep(TreeMap<Long, String> lines, Line line) {
        if (!line.kept()) {
            lines.put(line.seq(), line.fact() instanceof Heartbeat beat
                    ? FactLogWriter.line(new Tick(beat.id(), beat.at())) : line.text());
        }
    }

    /** Expires the fold's deadlines up to {@code millis} as the oracle's clock does, keeping each silence. */
    private void advanceTo(long millis) {
        if (clockMillis == Long.MIN_VALUE) {
            clockMillis = millis;                               // the oracle's first fact only sets its clock
            return;
        }
        long due;
        while ((due = fold.nextDeadlineMillis()) <= millis) {
            long now = Math.max(due, clockMillis);
            for (HeartbeatSilent silence : fold.expire(now)) {
                String line = FactLogWriter.line(CheckpointRecord.Silence.of(Instant.ofEpochMilli(now), silence));
                kept.put(seq++, line);
            }
            clockMillis = now;
        }
        clockMillis = Math.max(clockMillis, millis);
    }

    /** Shows a fact to the fold as the oracle does; true if the rules see it. */
    private boolean fold(Observation fact) {
        if (fact instanceof Heartbeat beat) {
            return fold.beat(beat);
        } else if (fact instanceof Tick) {
            return false;
        } else if (fact instanceof AgentLink link) {
            if (link.state() == AgentLink.LinkState.DOWN) {
                fold.linkDown(link.node());
            } else {
                fold.linkUp(link.node(), link.id(), link.at());
            }
        } else if (fact instanceof ProcessStarted start) {
            fold.started(start);
        } else if (fact instanceof ProcessExited exit) {
            fold.exited(exit);
        }
        return true;
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
            return;                                             // the oracle keeps the map it had
        }
        fold.configure(policies);
        mapInForce = true;
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
}
