package io.respawn.agent;

import io.respawn.agent.heartbeat.ReceiverSettings;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.LaunchMechanism;
import io.respawn.agent.state.Ledger;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import io.respawn.wire.HostPort;
import io.respawn.wire.SharedSecret;
import io.respawn.wire.tls.LinkTls;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code respawn agent}: the node agent (Re/Starter). Also the main class of the agent's
 * own artifact, which runs on nodes without the rule engine:
 * {@code java -jar agent/target/respawn-agent-VERSION.jar --map M --node N}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the agent of one node: starts the components the map declares for it, watches",
            "them, reports to the engine and carries out its restarts. Stops them all on SIGTERM or Ctrl-C."})
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--map", paramLabel = "FILE", required = true, description = "The restart map (YAML).")
    Path map;

    @Option(names = "--node", paramLabel = "NAME", required = true, description = "This node's name in the map.")
    String node;

    @Option(names = "--engine", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7460",
            description = "Where the engine listens (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the shared secret (default: the RESPAWN_SECRET environment variable).")
    Path secretFile;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = {"Speak TLS to the engine and trust its certificate if the CA in FILE (PEM) signed it and",
                "it names the host or IP address of --engine (default: plain TCP)."})
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "This agent's certificate chain (PEM), for an engine that requires one (--tls-client-ca).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The key of --tls-cert (PEM, unencrypted PKCS#8, as openssl req -nodes writes it).")
    Path tlsKey;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "respawn-logs",
            description = "Where each component's stdout and stderr go (default ${DEFAULT-VALUE}).")
    Path logDir;

    @Option(names = "--heartbeats", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7701",
            description = "UDP address heartbeats are received on (default ${DEFAULT-VALUE}).")
    String heartbeats;

    @Option(names = "--table", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7702",
            description = "TCP address the process table is served on (default ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "respawn-data/agent",
            description = {"Where the agent keeps its state (<node>.state.json, owner-only): the processes it runs",
                "and the decisions it carried out, so that after a kill it re-adopts what still runs and runs",
                "no decision twice (default ${DEFAULT-VALUE})."})
    Path stateDir;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Append every fact sent and every decision carried out to FILE, for checking (default: off).")
    Path ledger;

    @Option(names = "--buffer", defaultValue = "10000",
            description = "Facts kept while the engine is away; past that the oldest are dropped (default ${DEFAULT-VALUE}).")
    int buffer;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("agent: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LaunchMechanism.preferVfork();    // before anything here starts a process, JNA's ldconfig included
        LinkTls tls = LinkTls.agent(tlsCa, tlsCert, tlsKey);
        RestartMap restartMap;
        try {
            restartMap = RestartMap.load(map);
        } catch (MapException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Ledger agentLedger = ledger == null ? Ledger.OFF : Ledger.open(ledger, node, InstantSource.system());
        AgentSettings settings = AgentSettings.defaults().withLogDir(logDir)
                .withHeartbeat(ReceiverSettings.defaults().withUnicast(HostPort.parse(heartbeats)))
                .withTable(HostPort.parse(table)).withStateDir(stateDir).withLedger(agentLedger);
        RunningAgent agent = RunningAgent.start(restartMap, node, settings,
                new EngineLink.Settings(HostPort.parse(engine), node, SharedSecret.read(secretFile), buffer,
                        agentLedger, tls));
        System.out.printf("respawn agent for node %s: %d components, heartbeats on udp %s, table on tcp %s%n",
                node, agent.node().processTable().size(), agent.node().heartbeatAddress(),
                agent.node().tableAddress());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            agentLedger.close();
            stopped.countDown();
        }, "respawn-agent-stop"));
        stopped.await();
        return 0;
    }
}
