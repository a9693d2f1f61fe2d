package io.respawn.facts.log;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.respawn.facts.ComponentId;
import io.respawn.facts.HeartbeatSilent;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Require;
import java.time.Instant;

/**
 * A line only a journal checkpoint holds: what the engine's heartbeat fold did and was,
 * so a checkpoint can leave out every routine heartbeat. A checkpoint opens with
 * {@link Begin} (from there on silences come from {@link Silence} lines, not from the
 * deadlines of the heartbeats replayed), records every silence at the clock time it fell,
 * and closes with the fold's state per component ({@link Liveness}) and {@link End}, from
 * which the fold runs on its own again.
 *
 * <p>These are not observations: their discriminator is {@code "checkpoint"}, not
 * {@code "type"}, so no agent frame and no journal segment can carry one (a journal writes
 * observations only), and {@link FactLogReader} reads them only in a checkpoint.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "checkpoint")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckpointRecord.Begin.class, name = "begin"),
    @JsonSubTypes.Type(value = CheckpointRecord.Silence.class, name = "heartbeat-silent"),
    @JsonSubTypes.Type(value = CheckpointRecord.Liveness.class, name = "heartbeat-state"),
    @JsonSubTypes.Type(value = CheckpointRecord.End.class, name = "end"),
})
public sealed interface CheckpointRecord {
    /** The prefix every record line starts with, as {@link FactLogWriter#line(CheckpointRecord)} writes it. */
    String PREFIX = "{\"checkpoint\":";

    /** From here to {@link End}, heartbeat silences are the recorded ones only. */
    record Begin() implements CheckpointRecord {
    }

    /**
     * The fold found {@code component} silent: no heartbeat within {@code timeoutMs} after
     * {@code lastFactId} at {@code lastSeenAt}. {@code at} is the clock time it was shown to
     * the rules: its deadline, or later when the deadline had already passed (a new map
     * shortened the timeout).
     */
    record Silence(Instant at, ComponentId component, String lastFactId, Instant lastSeenAt, long timeoutMs)
            implements CheckpointRecord {
        public Silence {
            Require.notNull("checkpoint heartbeat-silent.at", at);
            Require.notNull("checkpoint heartbeat-silent.component", component);
            Require.notBlank("checkpoint heartbeat-silent.lastFactId", lastFactId);
            Require.notNull("checkpoint heartbeat-silent.lastSeenAt", lastSeenAt);
            Require.notNegative("checkpoint heartbeat-silent.timeoutMs", timeoutMs);
            if (at.isBefore(lastSeenAt.plusMillis(timeoutMs))) {
                throw new IllegalArgumentException("checkpoint heartbeat-silent.at - " + FactJson.format(at)
                        + " is before its deadline " + FactJson.format(lastSeenAt.plusMillis(timeoutMs)));
            }
        }

        public static Silence of(Instant at, HeartbeatSilent silence) {
            return new Silence(at, silence.component(), silence.lastFactId(), silence.lastSeenAt(),
                    silence.timeoutMs());
        }

        /** The fact the rules see. */
        public HeartbeatSilent silence() {
            return HeartbeatSilent.after(lastFactId, lastSeenAt, component, timeoutMs);
        }
    }

    /**
     * What the fold knows of one component: the PID it follows (null before the first
     * start or heartbeat), whether the first heartbeat after a start is still awaited, the
     * last status and sequence number, the fact that last armed its deadline (a deadline
     * is {@code lastSeenAt + timeoutMs}; null if never armed), whether that deadline is
     * armed, and whether it is suspended because its agent's link is down.
     */
    record Liveness(ComponentId component, Long pid, boolean awaitingFirst, HeartbeatStatus status, long seq,
                    String lastFactId, Instant lastSeenAt, long timeoutMs, boolean armed, boolean suspended)
            implements CheckpointRecord {
        public Liveness {
            Require.notNull("checkpoint heartbeat-state.component", component);
            Require.notNegative("checkpoint heartbeat-state.timeoutMs", timeoutMs);
            if (seq < -1) {
                throw new IllegalArgumentException("checkpoint heartbeat-state.seq - must be -1 or more: " + seq);
            }
            if ((lastFactId == null) != (lastSeenAt == null)) {
                throw new IllegalArgumentException("checkpoint heartbeat-state - lastFactId and lastSeenAt go"
                        + " together: " + lastFactId + ", " + lastSeenAt);
            }
            if ((armed || suspended) && lastFactId == null) {
                throw new IllegalArgumentException("checkpoint heartbeat-state - an armed or suspended deadline"
                        + " needs lastFactId and lastSeenAt (component " + component + ")");
            }
        }
    }

    /**
     * The end of a checkpoint, cut at {@code at}: {@code components} {@link Liveness} lines
     * came before it, and the fold had ignored {@code ignored} heartbeats. From here the fold
     * arms its own deadlines again.
     */
    record End(Instant at, int components, long ignored) implements CheckpointRecord {
        public End {
            Require.notNull("checkpoint end.at", at);
            Require.notNegative("checkpoint end.components", components);
            Require.notNegative("checkpoint end.ignored", ignored);
        }
    }
}
