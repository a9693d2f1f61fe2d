package io.respawn.facts.map;

import io.respawn.facts.RestartType;
import java.time.Duration;
import java.util.List;

/**
 * One inheritable setting, typed. Nested keys are settings of their own
 * ({@code heartbeat.timeout}), so a nearer {@code heartbeat: {timeout: 5s}} keeps an
 * inherited interval.
 *
 * @param key the key's path in the map, as messages name it
 */
record Setting<T>(String key) {
    static final Setting<String> NODE = new Setting<>("node");
    static final Setting<RestartType> RESTART = new Setting<>("restart");
    static final Setting<Duration> STOP_GRACE = new Setting<>("stopGrace");
    static final Setting<Duration> STARTUP_GRACE = new Setting<>("startupGrace");
    /** {@code heartbeat: none}: the component sends no heartbeats, whatever is inherited. */
    static final Setting<Boolean> HEARTBEAT_NONE = new Setting<>("heartbeat");
    static final Setting<Duration> HEARTBEAT_INTERVAL = new Setting<>("heartbeat.interval");
    static final Setting<Duration> HEARTBEAT_TIMEOUT = new Setting<>("heartbeat.timeout");
    static final Setting<Long> RSS = new Setting<>("limits.rss");
    static final Setting<Integer> RSS_SAMPLES = new Setting<>("limits.rssSamples");
    static final Setting<Double> CPU = new Setting<>("limits.cpu");
    static final Setting<Duration> CPU_FOR = new Setting<>("limits.cpuFor");
    static final Setting<List<ProbeSpec>> PROBES = new Setting<>("probes");
    static final Setting<Integer> PROBE_FAILURES = new Setting<>("probeThresholds.failures");
    static final Setting<Integer> PROBE_ERRORS = new Setting<>("probeThresholds.errors");
    static final Setting<Duration> CURE_WINDOW = new Setting<>("cureWindow");
    static final Setting<Integer> RESTARTS = new Setting<>("intensity.restarts");
    static final Setting<Duration> PERIOD = new Setting<>("intensity.period");
    static final Setting<Duration> BACKOFF_INITIAL = new Setting<>("backoff.initial");
    static final Setting<Duration> BACKOFF_MAX = new Setting<>("backoff.max");
}
