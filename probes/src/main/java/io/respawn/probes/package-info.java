/** End-to-end probes: a probe runs one check against a component and reports PASS, FAIL or ERROR. */
package io.respawn.probes;
