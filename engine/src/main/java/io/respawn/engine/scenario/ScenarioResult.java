package io.respawn.engine.scenario;

/**
 * The outcome of one scenario.
 *
 * @param report empty when it passed; otherwise the first diverging decision, the
 *               expected line, and the log line that led to the actual decision
 */
public record ScenarioResult(String name, boolean passed, int decisions, String report) {
}
