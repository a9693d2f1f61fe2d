/**
 * Replay: a fact log through a rule base, exactly as the live engine saw it.
 *
 * <p>{@link io.respawn.engine.replay.Replay} runs one log and reports each decision, its
 * progress through the log and a {@link io.respawn.engine.replay.ReplaySummary};
 * {@link io.respawn.engine.replay.DecisionText} writes decisions for people and as JSON.
 * {@link io.respawn.engine.replay.DecisionDiff} compares the decisions of two replays of
 * one log (the policy A/B test), matching them by what they decide rather than by id, and
 * {@link io.respawn.engine.replay.DiffText} writes the comparison as a diff.
 */
package io.respawn.engine.replay;
