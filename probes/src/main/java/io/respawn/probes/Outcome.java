package io.respawn.probes;

import io.respawn.facts.ProbeStatus;

/** What one probe run (or one step of a round trip) came to: a status and a short detail in plain words. */
record Outcome(ProbeStatus status, String detail) {

    static Outcome pass(String detail) {
        return new Outcome(ProbeStatus.PASS, detail);
    }

    static Outcome fail(String detail) {
        return new Outcome(ProbeStatus.FAIL, detail);
    }

    static Outcome error(String detail) {
        return new Outcome(ProbeStatus.ERROR, detail);
    }

    boolean passed() {
        return status == ProbeStatus.PASS;
    }

    /** The same outcome, its detail prefixed with the step it came from ({@code "write: "}). */
    Outcome in(String step) {
        return step.isEmpty() ? this : new Outcome(status, step + ": " + detail);
    }
}
