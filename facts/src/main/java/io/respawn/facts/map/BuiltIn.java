package io.respawn.facts.map;

import io.respawn.facts.RestartType;
import java.time.Duration;

/** The values a map gets where nothing in it sets them. */
final class BuiltIn {
    static final RestartType RESTART = RestartType.PERMANENT;
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration STARTUP_GRACE = Duration.ofSeconds(10);
    static final Duration CURE_WINDOW = Duration.ofSeconds(30);
    static final int INTENSITY_RESTARTS = 3;
    static final Duration INTENSITY_PERIOD = Duration.ofSeconds(60);
    static final int RSS_SAMPLES = 3;
    static final Duration CPU_FOR = Duration.ofSeconds(10);
    static final int PROBE_FAILURES = 3;
    static final int PROBE_ERRORS = 5;
    static final Duration DEPENDENCY_WINDOW = Duration.ofSeconds(10);
    static final int DEPENDENCY_OCCURRENCES = 2;
    static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(30);
    static final int BUDGET_IN_FLIGHT = 8;
    static final Duration BUDGET_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MASS_WINDOW = Duration.ofMillis(500);
    static final int MASS_THRESHOLD = 3;

    private BuiltIn() {
    }
}
