/**
 * OS-level samples of the components' processes (OSHI): resident memory, CPU over
 * windows of at least one second, threads, open files.
 * {@link io.respawn.agent.metrics.OsSampler} is the entry point.
 */
package io.respawn.agent.metrics;
