package io.respawn.engine.replay;

import io.respawn.facts.Alert;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.GiveUp;
import io.respawn.facts.InferDependency;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a decision is about, for comparing decisions of two replays by what they decide.
 *
 * <table>
 *   <caption>target and subject by decision type</caption>
 *   <tr><th>type</th><th>target (what it acts on)</th><th>subject (what it answers)</th></tr>
 *   <tr><td>restart</td><td>group, component</td><td>component</td></tr>
 *   <tr><td>restart-dependent</td><td>component, after</td><td>component</td></tr>
 *   <tr><td>escalate</td><td>from, to, component</td><td>component</td></tr>
 *   <tr><td>give-up</td><td>group, component</td><td>component</td></tr>
 *   <tr><td>rearm</td><td>group</td><td>group</td></tr>
 *   <tr><td>infer-dependency</td><td>dependent, dependsOn</td><td>dependent, dependsOn</td></tr>
 *   <tr><td>alert</td><td>component (none if it names none)</td><td>component, or its reason if it names
 *   none</td></tr>
 * </table>
 */
final class DecisionSubject {
    private DecisionSubject() {
    }

    /** The fields that say what the decision acts on, by name, in the order people read them. */
    static Map<String, String> target(Decision decision) {
        Map<String, String> target = new LinkedHashMap<>();
        if (decision instanceof Restart r) {
            target.put("group", r.group().toString());
            target.put("component", r.component().toString());
        } else if (decision instanceof RestartDependent r) {
            target.put("component", r.component().toString());
            target.put("after", r.dependsOn().toString());
        } else if (decision instanceof Escalate e) {
            target.put("from", e.from().toString());
            target.put("to", e.to().toString());
            target.put("component", e.component().toString());
        } else if (decision instanceof GiveUp g) {
            target.put("group", g.group().toString());
            target.put("component", g.component().toString());
        } else if (decision instanceof Rearm r) {
            target.put("group", r.group().toString());
        } else if (decision instanceof InferDependency i) {
            target.put("dependent", i.dependent().toString());
            target.put("dependsOn", i.dependsOn().toString());
        } else if (decision instanceof Alert a) {
            if (a.component() != null) {
                target.put("component", a.component().toString());
            }
        } else {
            throw new IllegalArgumentException("unknown decision type " + decision.getClass().getName());
        }
        return target;
    }

    /** What the decision answers: two decisions of one type with one subject are alternatives to each other. */
    static String subject(Decision decision) {
        if (decision instanceof Restart r) {
            return r.component().toString();
        } else if (decision instanceof RestartDependent r) {
            return r.component().toString();
        } else if (decision instanceof Escalate e) {
            return e.component().toString();
        } else if (decision instanceof GiveUp g) {
            return g.component().toString();
        } else if (decision instanceof Rearm r) {
            return r.group().toString();
        } else if (decision instanceof InferDependency i) {
            return i.dependent() + " -> " + i.dependsOn();
        } else if (decision instanceof Alert a) {
            return a.component() != null ? a.component().toString() : a.reason();
        }
        throw new IllegalArgumentException("unknown decision type " + decision.getClass().getName());
    }

    /** The id of the failure the decision answers, or null when it answers none. */
    static String failure(Decision decision) {
        if (decision instanceof Restart r) {
            return r.failure();
        } else if (decision instanceof Escalate e) {
            return e.failure();
        } else if (decision instanceof GiveUp g) {
            return g.failure();
        }
        return null;
    }
}
