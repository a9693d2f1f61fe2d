package io.respawn.facts.map;

/**
 * How many consecutive probe results of a kind count.
 *
 * @param failures consecutive FAIL results that make a failure
 * @param errors   consecutive ERROR results (the probe could not run) that raise an alert
 */
public record ProbeThresholds(int failures, int errors) {
    public ProbeThresholds {
        if (failures < 1) {
            throw new IllegalArgumentException("probeThresholds.failures - must be at least 1: " + failures);
        }
        if (errors < 1) {
            throw new IllegalArgumentException("probeThresholds.errors - must be at least 1: " + errors);
        }
    }
}
