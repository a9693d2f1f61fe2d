package io.respawn.engine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.respawn.facts.Alert;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.GiveUp;
import io.respawn.facts.InferDependency;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.log.FactJson;

/** How decisions are written: one JSON object per line, or one plain line for people. */
public final class DecisionText {
    private static final ObjectWriter JSON = FactJson.mapper().writerFor(Decision.class);

    private DecisionText() {
    }

    /** The decision as one line of JSON, the form {@code replay --json} prints and scenarios expect. */
    public static String json(Decision decision) {
        try {
            return JSON.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision " + decision.id(), e);
        }
    }

    /** The decision as a JSON tree, for comparing with an expected one field by field. */
    public static JsonNode tree(Decision decision) {
        try {
            return FactJson.mapper().readTree(json(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back decision " + decision.id(), e);
        }
    }

    /** The JSON type name: restart, restart-dependent, escalate, give-up, rearm, infer-dependency, alert. */
    public static String type(Decision decision) {
        if (decision instanceof Restart) {
            return "restart";
        } else if (decision instanceof RestartDependent) {
            return "restart-dependent";
        } else if (decision instanceof Escalate) {
            return "escalate";
        } else if (decision instanceof GiveUp) {
            return "give-up";
        } else if (decision instanceof Rearm) {
            return "rearm";
        } else if (decision instanceof InferDependency) {
            return "infer-dependency";
        } else if (decision instanceof Alert) {
            return "alert";
        }
        throw new IllegalArgumentException("unknown decision type " + decision.getClass().getName());
    }

    /** One line for people: time, what, rule, evidence, and the log line that led to it. */
    public static String human(ReplayedDecision replayed) {
        Decision d = replayed.decision();
        return String.format("%s  %-17s %-44s rule=\"%s\" evidence=%s%s", FactJson.format(d.at()), type(d), what(d),
                d.rule(), String.join(",", d.evidence()), replayed.line() > 0 ? " (line " + replayed.line() + ")" : "");
    }

    /** What the decision does, in a few words. */
    public static String what(Decision decision) {
        if (decision instanceof Restart r) {
            return "group=" + r.group() + " for=" + r.component();
        } else if (decision instanceof RestartDependent r) {
            return "component=" + r.component() + " after=" + r.dependsOn();
        } else if (decision instanceof Escalate e) {
            return e.from() + " -> " + e.to() + " for=" + e.component();
        } else if (decision instanceof GiveUp g) {
            return "group=" + g.group() + " for=" + g.component();
        } else if (decision instanceof Rearm r) {
            return "group=" + r.group();
        } else if (decision instanceof InferDependency i) {
            return i.dependent() + " depends on " + i.dependsOn();
        } else if (decision instanceof Alert a) {
            return a.component() != null ? "component=" + a.component() : "-";
        }
        return decision.id();
    }
}
