package io.respawn.facts.map;

import io.respawn.facts.Require;

/** Passes when a TCP connection to {@code host:port} opens within the timeout. */
public record TcpProbe(String name, ProbeTiming timing, String host, int port) implements ProbeSpec {
    public TcpProbe {
        Require.notBlank("probe.name", name);
        Require.notNull("probe.timing", timing);
        Require.notBlank("tcp.host", host);
        SendExpect.requirePort("tcp.port", port);
    }
}
