package io.respawn.probes;

import java.util.concurrent.CompletableFuture;

/**
 * One check against a component: a whole probe, or one half of a round trip. A step
 * starts on a probe thread, may block there only briefly (resolving a host name, starting
 * a process), and does its waiting without a thread: the future completes when the
 * component has answered. It registers whatever it opens with the attempt, so the deadline
 * can close it, and also closes it itself when it completes.
 */
interface Step {

    CompletableFuture<Outcome> start(Attempt attempt);
}
