package io.respawn.facts.map;

import io.respawn.facts.Require;

/** Passes when the exchange with a TCP server gets the expected answer in time. */
public record SendExpectProbe(String name, ProbeTiming timing, SendExpect exchange) implements ProbeSpec {
    public SendExpectProbe {
        Require.notBlank("probe.name", name);
        Require.notNull("probe.timing", timing);
        Require.notNull("probe.sendExpect", exchange);
    }
}
