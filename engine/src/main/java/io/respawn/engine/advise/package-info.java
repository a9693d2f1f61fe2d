/**
 * The restart-tree advisor: measures a recorded journal (or a simulation's fact log) —
 * restart times, how often restarts cure at each level of the tree, which components
 * fail together — and proposes edits to the restart map after Candea et al. (DSN 2002):
 * depth augmentation, group consolidation, node promotion. Each proposal carries its
 * evidence and the change in recovery time that simulating the current and the proposed
 * map on the same faults gives. Nothing is applied: a proposal is text to review.
 *
 * <p>{@link io.respawn.engine.advise.Advisor} is the entry point.
 */
package io.respawn.engine.advise;
