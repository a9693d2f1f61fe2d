package io.respawn.engine.service;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Verdict;
import java.util.List;

/**
 * What an operator may ask of a running engine. Each request that changes what the rules
 * see is journaled as an operator fact before the rules see it, so a replay of the journal
 * reproduces it. A group or component the restart map does not know is refused with an
 * {@link IllegalArgumentException} that names it.
 */
public interface Operations {
    /** Acknowledges a give-up at {@code group}: automatic restarts below it may resume. */
    void acknowledge(GroupId group, String operator);

    /** Restarts {@code group} now, by hand. */
    void restart(GroupId group, String operator, String note);

    /** Pauses automation at {@code group}: facts are still recorded, no restart is decided below it. */
    void pause(GroupId group, String operator, String note);

    /** Resumes automation at {@code group}. */
    void resume(GroupId group, String operator, String note);

    /** Accepts an inferred dependency into the restart map, or rejects it. */
    void reviewDependency(ComponentId dependent, ComponentId dependsOn, Verdict verdict, String operator);

    /**
     * Reloads the rules and the restart map from where they were loaded. Both are validated
     * first; a bad file is refused with its {@code file:line: message} problems and what runs stays.
     */
    Reload reload(String operator);

    /** The outcome of a reload: applied, or refused with the problems found. */
    record Reload(boolean applied, List<String> problems, String rules, String map) {
        public Reload {
            problems = List.copyOf(problems);
        }
    }
}
