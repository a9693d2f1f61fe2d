package io.respawn.facts.map;

/**
 * An end-to-end probe declared in the restart map: what to check and how often. A probe
 * run passes, fails (the component answered wrongly or not in time) or errs (the probe
 * itself could not run). The kind is the record type.
 */
public sealed interface ProbeSpec permits TcpProbe, SendExpectProbe, HttpProbe, ExecProbe, RoundTripProbe {

    /** The probe's name, unique within its component; probe results carry it. */
    String name();

    ProbeTiming timing();
}
