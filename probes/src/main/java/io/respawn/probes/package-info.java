/**
 * End-to-end probes: a probe runs one check against a component, the way a user would
 * notice it broken, and reports PASS, FAIL (the component answered wrongly or not in time)
 * or ERROR (the probe itself could not run).
 *
 * <p>{@link io.respawn.probes.ProbeRunner} is the entry point: it runs one probe once with a
 * hard timeout and returns a {@link io.respawn.probes.ProbeReport}. Each kind of check is a
 * package-private step: TCP connect, send/expect, HTTP (plain on a fresh socket, HTTPS
 * through the JDK's client), exec (in a process group of its own), and the write-then-read
 * round trip built from the others. Scheduling lives in {@code io.respawn.probes.schedule}.
 * The kinds and what their results mean are documented in {@code docs/probes.md}.
 */
package io.respawn.probes;
