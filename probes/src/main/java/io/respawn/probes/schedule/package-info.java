/**
 * Runs the probes of each component on their schedule: {@link io.respawn.probes.schedule.ProbeScheduler}
 * is the entry point; each probe's timeline (interval, initial delay, jitter, skipping a
 * run while the previous is in flight) lives in a package-private class beside it.
 */
package io.respawn.probes.schedule;
