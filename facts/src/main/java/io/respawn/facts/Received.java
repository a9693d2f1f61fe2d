package io.respawn.facts;

import java.time.Instant;

/**
 * An observation as the engine journals it: its own {@code id} and the time {@code at}
 * the engine received it; the time its source gave it is kept as {@code observedAt}.
 */
public final class Received {
    private Received() {
    }

    public static Observation stamp(Observation fact, String id, Instant at) {
        Instant observed = observedAt(fact);
        if (fact instanceof Heartbeat h) {
            return new Heartbeat(id, at, h.component(), h.gpid(), h.status(), h.seq(), observed);
        } else if (fact instanceof OsSample s) {
            return new OsSample(id, at, s.component(), s.pid(), s.rssBytes(), s.cpuPercent(), s.threads(),
                    s.openFiles(), observed);
        } else if (fact instanceof ProbeResult p) {
            return new ProbeResult(id, at, p.component(), p.probe(), p.status(), p.latencyMs(), p.detail(), observed);
        } else if (fact instanceof ProcessStarted p) {
            return new ProcessStarted(id, at, p.component(), p.node(), p.pid(), p.restartId(), observed);
        } else if (fact instanceof ProcessExited e) {
            return new ProcessExited(id, at, e.component(), e.node(), e.pid(), e.exitCode(), e.signal(), e.expected(),
                    observed);
        } else if (fact instanceof RestartOutcome o) {
            return new RestartOutcome(id, at, o.restartId(), o.group(), o.result(), o.durationMs(), o.killedHard(),
                    o.reason(), observed);
        } else if (fact instanceof Tick) {
            return new Tick(id, at);
        } else if (fact instanceof MapInForce m) {
            return new MapInForce(id, at, m.source(), m.yaml());
        } else if (fact instanceof OperatorAck a) {
            return new OperatorAck(id, at, a.group(), a.operator(), a.note());
        } else if (fact instanceof DependencyVerdict v) {
            return new DependencyVerdict(id, at, v.dependent(), v.dependsOn(), v.verdict(), v.operator());
        } else if (fact instanceof OperatorPause o) {
            return new OperatorPause(id, at, o.group(), o.operator(), o.note());
        } else if (fact instanceof OperatorResume o) {
            return new OperatorResume(id, at, o.group(), o.operator(), o.note());
        } else if (fact instanceof OperatorRestart o) {
            return new OperatorRestart(id, at, o.group(), o.operator(), o.note());
        } else if (fact instanceof AgentLink l) {
            return new AgentLink(id, at, l.node(), l.state());
        } else if (fact instanceof HeartbeatFlood f) {
            return new HeartbeatFlood(id, at, f.node(), f.source(), f.component(), f.since(), f.from(), f.to(),
                    f.dropped(), f.limit(), f.ended());
        }
        throw new IllegalArgumentException("unknown observation type " + fact.getClass().getName());
    }

    private static Instant observedAt(Observation fact) {
        Instant given = null;
        if (fact instanceof Heartbeat h) {
            given = h.observedAt();
        } else if (fact instanceof OsSample s) {
            given = s.observedAt();
        } else if (fact instanceof ProbeResult p) {
            given = p.observedAt();
        } else if (fact instanceof ProcessStarted p) {
            given = p.observedAt();
        } else if (fact instanceof ProcessExited e) {
            given = e.observedAt();
        } else if (fact instanceof RestartOutcome o) {
            given = o.observedAt();
        }
        return given != null ? given : fact.at();
    }
}
