/** Sending heartbeats to the local respawn agent: no dependencies beyond the JDK. */
package io.respawn.heartbeat;
