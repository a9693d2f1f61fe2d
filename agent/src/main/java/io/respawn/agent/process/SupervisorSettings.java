package io.respawn.agent.process;

import io.respawn.agent.state.Ledger;
import io.respawn.facts.Require;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a supervisor runs its node's components.
 *
 * @param node          this agent's node name, as the restart map writes it
 * @param logDir        where {@code <component>.log} files go (created if missing)
 * @param logMaxBytes   a log file is rotated once it reaches this size
 * @param logFiles      how many files a component's log keeps, the current one included (1: it is
 *                      truncated when full)
 * @param heartbeatHost the address components send heartbeats to, given to them as RESPAWN_HEARTBEAT_HOST
 * @param heartbeatPort the UDP port of the agent's heartbeat receiver, given as RESPAWN_HEARTBEAT_PORT
 * @param stateDir      where the state file goes ({@code <node>.state.json}), so that a restarted agent
 *                      re-adopts what runs; empty: nothing is kept
 * @param ledger        where the decisions carried out and the processes re-adopted are recorded
 */
public record SupervisorSettings(String node, Path logDir, long logMaxBytes, int logFiles, String heartbeatHost,
                                 int heartbeatPort, Optional<Path> stateDir, Ledger ledger) {
    /** Keeps no state and no ledger. */
    public SupervisorSettings(String node, Path logDir, long logMaxBytes, int logFiles, String heartbeatHost,
                              int heartbeatPort) {
        this(node, logDir, logMaxBytes, logFiles, heartbeatHost, heartbeatPort, Optional.empty(), Ledger.OFF);
    }

    public SupervisorSettings {
        Require.notNull("supervisor.stateDir", stateDir);
        Require.notNull("supervisor.ledger", ledger);
        Require.notBlank("supervisor.node", node);
        Require.notNull("supervisor.logDir", logDir);
        if (logMaxBytes < 1024) {
            throw new IllegalArgumentException("supervisor.logMaxBytes - must be at least 1024: " + logMaxBytes);
        }
        if (logFiles < 1) {
            throw new IllegalArgumentException("supervisor.logFiles - must be at least 1: " + logFiles);
        }
        Require.notBlank("supervisor.heartbeatHost", heartbeatHost);
        if (heartbeatPort < 1 || heartbeatPort > 65535) {
            throw new IllegalArgumentException("supervisor.heartbeatPort - must be 1-65535: " + heartbeatPort);
        }
    }
}
