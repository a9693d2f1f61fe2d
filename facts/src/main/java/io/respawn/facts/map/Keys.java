package io.respawn.facts.map;

import java.util.List;

/** The keys of the restart map format, section by section, in the order the docs list them. */
final class Keys {
    static final List<String> TOP = List.of("version", "defaults", "dependencyInference", "restartBudget",
            "massFailure", "root", "dependencies");
    static final List<String> DEPENDENCY_INFERENCE = List.of("window", "occurrences");
    static final List<String> RESTART_BUDGET = List.of("inFlight", "timeout");
    static final List<String> MASS_FAILURE = List.of("window", "threshold");
    static final List<String> DEPENDENCY = List.of("dependent", "dependsOn");

    static final List<String> GROUP = List.of("group", "cureWindow", "intensity", "backoff", "defaults", "children");
    /** Group keys a group's own value or a {@code defaults:} may set; they inherit to the groups below. */
    static final List<String> GROUP_SETTINGS = List.of("cureWindow", "intensity", "backoff");

    static final List<String> COMPONENT = List.of("component", "node", "command", "workdir", "env", "restart",
            "after", "stopGrace", "startupGrace", "heartbeat", "limits", "probes", "probeThresholds");
    /** Component keys {@code defaults:} may set; the rest belong to one component only. */
    static final List<String> COMPONENT_SETTINGS = List.of("node", "restart", "stopGrace", "startupGrace",
            "heartbeat", "limits", "probes", "probeThresholds");
    static final List<String> COMPONENT_ONLY = List.of("component", "command", "workdir", "env", "after");

    static final List<String> DEFAULTS = List.of("node", "restart", "stopGrace", "startupGrace", "heartbeat",
            "limits", "probes", "probeThresholds", "cureWindow", "intensity", "backoff");

    static final List<String> HEARTBEAT = List.of("interval", "timeout");
    static final List<String> LIMITS = List.of("rss", "rssSamples", "cpu", "cpuFor");
    static final List<String> INTENSITY = List.of("restarts", "period");
    static final List<String> BACKOFF = List.of("initial", "max");
    static final List<String> PROBE_THRESHOLDS = List.of("failures", "errors");

    static final List<String> PROBE_CHECKS = List.of("tcp", "sendExpect", "http", "exec", "roundTrip");
    static final List<String> PROBE = List.of("name", "tcp", "sendExpect", "http", "exec", "roundTrip",
            "interval", "timeout", "initialDelay", "jitter");
    static final List<String> TCP = List.of("host", "port");
    static final List<String> SEND_EXPECT = List.of("host", "port", "send", "expect");
    static final List<String> HTTP = List.of("url", "status", "bodyMatch");
    static final List<String> EXEC = List.of("command");
    static final List<String> ROUND_TRIP = List.of("write", "readBack");
    static final List<String> WRITE_STEPS = List.of("sendExpect", "httpPut", "exec");
    static final List<String> READ_STEPS = List.of("sendExpect", "httpGet", "exec");
    static final List<String> HTTP_PUT = List.of("url", "body");
    static final List<String> HTTP_GET = List.of("url", "bodyMatch");

    private Keys() {
    }
}
