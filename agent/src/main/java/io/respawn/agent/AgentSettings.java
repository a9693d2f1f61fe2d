package io.respawn.agent;

import io.respawn.agent.heartbeat.ReceiverSettings;
import io.respawn.agent.metrics.OsSampler;
import io.respawn.agent.state.Ledger;
import io.respawn.agent.table.TableServer;
import io.respawn.facts.Require;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * How a node agent runs, besides the restart map and its node name. Every address is on
 * loopback unless told otherwise.
 *
 * @param logDir         where components' logs go, {@code <logDir>/<component>.log}
 * @param logMaxBytes    a log is rotated when it reaches this size
 * @param logFiles       files kept per component, the current one included
 * @param heartbeat      the UDP heartbeat receiver: address, multicast group, rate per component
 * @param table          the TCP address of the process table
 * @param sampleInterval how often each process is sampled (at least 1s)
 * @param clock          the agent's clock: the time of every observation it reports
 * @param stateDir       where the agent keeps its state ({@code <node>.state.json}: its processes, the
 *                       decisions it carried out), so that a restarted agent re-adopts what runs; empty:
 *                       nothing is kept (the default of the Java API; {@code respawn agent} keeps it in
 *                       {@code respawn-data/agent})
 * @param ledger         the agent's own record of facts sent and decisions carried out, for an independent
 *                       checker; {@link Ledger#OFF} by default
 */
public record AgentSettings(Path logDir, long logMaxBytes, int logFiles, ReceiverSettings heartbeat,
                            InetSocketAddress table, Duration sampleInterval, InstantSource clock,
                            Optional<Path> stateDir, Ledger ledger) {
    public AgentSettings {
        Require.notNull("agent.stateDir", stateDir);
        Require.notNull("agent.ledger", ledger);
        Require.notNull("agent.logDir", logDir);
        Require.notNull("agent.heartbeat", heartbeat);
        Require.notNull("agent.table", table);
        Require.notNull("agent.sampleInterval", sampleInterval);
        if (sampleInterval.compareTo(OsSampler.MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("agent.sampleInterval - must be at least 1s (shorter CPU windows"
                    + " read 0): " + sampleInterval.toMillis() + "ms");
        }
        Require.notNull("agent.clock", clock);
    }

    /**
     * Logs in {@code ./respawn-logs}, rotated at 10 MiB keeping 5 files; heartbeats on UDP
     * 127.0.0.1:7701; the process table on TCP 127.0.0.1:7702; samples every second; the
     * system clock; no state kept, no ledger.
     */
    public static AgentSettings defaults() {
        return new AgentSettings(Path.of("respawn-logs"), 10L * 1024 * 1024, 5, ReceiverSettings.defaults(),
                new InetSocketAddress("127.0.0.1", TableServer.DEFAULT_PORT), Duration.ofSeconds(1),
                InstantSource.system(), Optional.empty(), Ledger.OFF);
    }

    /** Heartbeats and the process table on loopback ports the system picks: for tests and the demo. */
    public AgentSettings withAnyLoopbackPorts() {
        return withHeartbeat(heartbeat.withUnicast(new InetSocketAddress("127.0.0.1", 0)))
                .withTable(new InetSocketAddress("127.0.0.1", 0));
    }

    /** Keeps the agent's state in {@code dir}, so that a restarted agent re-adopts its components. */
    public AgentSettings withStateDir(Path dir) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, heartbeat, table, sampleInterval, clock,
                Optional.of(dir), ledger);
    }

    public AgentSettings withLedger(Ledger agentLedger) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, heartbeat, table, sampleInterval, clock, stateDir,
                agentLedger);
    }

    public AgentSettings withLogDir(Path dir) {
        return new AgentSettings(dir, logMaxBytes, logFiles, heartbeat, table, sampleInterval, clock, stateDir, ledger);
    }

    public AgentSettings withLogRotation(long maxBytes, int files) {
        return new AgentSettings(logDir, maxBytes, files, heartbeat, table, sampleInterval, clock, stateDir, ledger);
    }

    public AgentSettings withHeartbeat(ReceiverSettings receiver) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, receiver, table, sampleInterval, clock, stateDir,
                ledger);
    }

    public AgentSettings withTable(InetSocketAddress address) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, heartbeat, address, sampleInterval, clock,
                stateDir, ledger);
    }

    public AgentSettings withSampleInterval(Duration interval) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, heartbeat, table, interval, clock, stateDir, ledger);
    }

    public AgentSettings withClock(InstantSource agentClock) {
        return new AgentSettings(logDir, logMaxBytes, logFiles, heartbeat, table, sampleInterval, agentClock,
                stateDir, ledger);
    }
}
