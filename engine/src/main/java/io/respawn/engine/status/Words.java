package io.respawn.engine.status;

import io.respawn.facts.AgentLink;
import io.respawn.facts.Alert;
import io.respawn.facts.Cause;
import io.respawn.facts.Decision;
import io.respawn.facts.DependencyVerdict;
import io.respawn.facts.Escalate;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.InferDependency;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.OperatorAck;
import io.respawn.facts.OperatorPause;
import io.respawn.facts.OperatorRestart;
import io.respawn.facts.OperatorResume;
import io.respawn.facts.OsSample;
import io.respawn.facts.ProbeResult;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.Tick;
import java.time.Duration;

/** Facts, failures and decisions in plain words, for people reading the board. */
final class Words {
    private Words() {
    }

    static String of(Observation fact) {
        if (fact instanceof ProcessStarted s) {
            return s.component() + " started on " + s.node() + " as pid " + s.pid()
                    + (s.restartId() != null ? " (restart " + s.restartId() + ")" : "");
        } else if (fact instanceof ProcessExited e) {
            return e.component() + " (pid " + e.pid() + " on " + e.node() + ") exited "
                    + (e.expected() ? "as asked" : "unasked") + ": " + e.how();
        } else if (fact instanceof Heartbeat h) {
            return h.component() + " heartbeat #" + h.seq() + " from " + h.gpid() + ": " + h.status();
        } else if (fact instanceof OsSample s) {
            return s.component() + " (pid " + s.pid() + ") rss " + s.rssBytes() / (1024 * 1024) + " MiB, cpu "
                    + s.cpuPercent() + "%";
        } else if (fact instanceof ProbeResult p) {
            return p.component() + " probe " + p.probe() + ": " + p.status() + " in " + p.latencyMs() + "ms"
                    + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")");
        } else if (fact instanceof RestartOutcome o) {
            return "restart of " + o.group() + " " + o.result().name().toLowerCase() + " in " + o.durationMs() + "ms"
                    + (o.reason().isEmpty() ? "" : ": " + o.reason());
        } else if (fact instanceof OperatorAck a) {
            return operator(a.operator()) + " acknowledged the give-up at " + a.group();
        } else if (fact instanceof OperatorPause p) {
            return operator(p.operator()) + " paused automation at " + p.group() + note(p.note());
        } else if (fact instanceof OperatorResume r) {
            return operator(r.operator()) + " resumed automation at " + r.group() + note(r.note());
        } else if (fact instanceof OperatorRestart r) {
            return operator(r.operator()) + " asked to restart " + r.group() + note(r.note());
        } else if (fact instanceof DependencyVerdict v) {
            return operator(v.operator()) + " " + v.verdict().name().toLowerCase() + " the dependency " + v.dependent()
                    + " -> " + v.dependsOn();
        } else if (fact instanceof AgentLink l) {
            return "link to the agent of " + l.node() + " " + (l.state() == AgentLink.LinkState.UP ? "up" : "down");
        } else if (fact instanceof HeartbeatFlood f) {
            return "heartbeat datagrams from " + f.source() + (f.component() != null ? " naming " + f.component() : "")
                    + " at " + f.node() + ": " + f.dropped() + " dropped in " + seconds(f) + "s (limit " + f.limit()
                    + (f.ended() ? "): the flood is over" : "): a flood");
        } else if (fact instanceof MapInForce m) {
            return "restart map from " + m.source() + " in force";
        } else if (fact instanceof Tick) {
            return "the clock moved on";
        }
        return fact.id();
    }

    static String of(Failure failure) {
        return failure.component() + " failed (" + causeWord(failure.cause()) + "): "
                + (failure.detail().isEmpty() ? cause(failure.cause()) : failure.detail());
    }

    static String cause(Cause cause) {
        return switch (cause) {
            case HEARTBEAT_SILENT -> "its heartbeat fell silent";
            case HEARTBEAT_FAILED -> "its heartbeat reported FAILED";
            case HEARTBEAT_DEGRADED -> "its heartbeat reported DEGRADED";
            case EXITED -> "its process exited unasked";
            case RSS_LIMIT -> "its memory stayed over its limit";
            case CPU_LIMIT -> "its CPU use stayed over its limit";
            case PROBE_FAILED -> "its probe kept failing";
            case RESTART_FAILED -> "a restart of its group did not complete";
        };
    }

    static String causeWord(Cause cause) {
        return cause.name().toLowerCase().replace('_', '-');
    }

    /** One sentence on what a decision does. */
    static String of(Decision decision) {
        if (decision instanceof Restart r) {
            return "restart group " + r.group() + " because " + r.component() + " failed";
        } else if (decision instanceof RestartDependent r) {
            return "restart " + r.component() + " after " + r.dependsOn() + ", which it depends on";
        } else if (decision instanceof Escalate e) {
            return "escalate the failure of " + e.component() + " from " + e.from() + " to " + e.to() + ": "
                    + e.reason();
        } else if (decision instanceof GiveUp g) {
            return "give up at " + g.group() + " after " + g.component() + " failed: " + g.reason()
                    + "; waiting for an operator";
        } else if (decision instanceof Rearm r) {
            return "re-arm " + r.group() + ": automatic restarts resume";
        } else if (decision instanceof InferDependency i) {
            return "infer that " + i.dependent() + " depends on " + i.dependsOn() + ": " + i.reason();
        } else if (decision instanceof Alert a) {
            return a.component() != null ? "alert about " + a.component() + ": " + a.reason() : "alert: " + a.reason();
        }
        return decision.id();
    }

    private static long seconds(HeartbeatFlood flood) {
        return Duration.between(flood.from(), flood.to()).toSeconds();
    }

    private static String operator(String name) {
        return name.isBlank() ? "an operator" : name;
    }

    private static String note(String note) {
        return note.isBlank() ? "" : " (" + note + ")";
    }
}
