package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fact the engine was told: by an agent, by an operator, or by its own clock.
 * These are the lines of a fact log; the journal records every one before the rule
 * session sees it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MapInForce.class, name = "map"),
    @JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = OsSample.class, name = "os-sample"),
    @JsonSubTypes.Type(value = ProbeResult.class, name = "probe-result"),
    @JsonSubTypes.Type(value = ProcessStarted.class, name = "process-started"),
    @JsonSubTypes.Type(value = ProcessExited.class, name = "process-exited"),
    @JsonSubTypes.Type(value = RestartOutcome.class, name = "restart-outcome"),
    @JsonSubTypes.Type(value = Tick.class, name = "tick"),
    @JsonSubTypes.Type(value = OperatorAck.class, name = "operator-ack"),
    @JsonSubTypes.Type(value = DependencyVerdict.class, name = "dependency-verdict"),
    @JsonSubTypes.Type(value = OperatorPause.class, name = "operator-pause"),
    @JsonSubTypes.Type(value = OperatorResume.class, name = "operator-resume"),
    @JsonSubTypes.Type(value = OperatorRestart.class, name = "operator-restart"),
    @JsonSubTypes.Type(value = AgentLink.class, name = "agent-link"),
    @JsonSubTypes.Type(value = HeartbeatFlood.class, name = "heartbeat-flood"),
})
public sealed interface Observation extends Fact
        permits MapInForce, Heartbeat, OsSample, ProbeResult, ProcessStarted, ProcessExited,
                RestartOutcome, Tick, OperatorAck, DependencyVerdict, OperatorPause, OperatorResume,
                OperatorRestart, AgentLink, HeartbeatFlood {
}
