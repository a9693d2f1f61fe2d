/**
 * The live status board: a deterministic fold of the facts, failures and decisions the
 * engine sees, giving per component its state, node, PID, uptime, restart count and last
 * failure; per group whether it is paused or given up; the decision log with the rule and
 * the facts behind each decision; inferred dependencies awaiting review; give-ups.
 * {@link io.respawn.engine.status.StatusBoard} is the entry; the rest are its views.
 */
package io.respawn.engine.status;
