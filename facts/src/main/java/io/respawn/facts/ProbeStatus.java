package io.respawn.facts;

/** The result of one end-to-end probe run. */
public enum ProbeStatus {
    /** The component answered correctly in time. */
    PASS,
    /** The component answered wrongly or not in time: evidence of failure. */
    FAIL,
    /** The probe itself could not run (bad config, no route, local exhaustion): not evidence that the component failed. */
    ERROR
}
