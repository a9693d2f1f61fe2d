package io.respawn.facts.map;

import io.respawn.facts.Require;

/** Passes when the command exits with status 0 within the timeout. */
public record ExecProbe(String name, ProbeTiming timing, Exec exec) implements ProbeSpec {
    public ExecProbe {
        Require.notBlank("probe.name", name);
        Require.notNull("probe.timing", timing);
        Require.notNull("probe.exec", exec);
    }
}
