package io.respawn.cli;

import io.respawn.agent.link.EngineLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.wire.Command;
import io.respawn.wire.HostPort;
import io.respawn.wire.SharedSecret;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The other side of {@code respawn bench ingest}, run in a process of its own: {@code agents}
 * node agents, each a real {@link EngineLink} (the agent protocol over TCP, authenticated,
 * facts numbered and acknowledged), each owning one restart group of {@code components}
 * components ({@link IngestBench#map}). After a warm-up, over {@code seconds} it sends heartbeats at
 * {@code rate} facts/s in total, round robin over every component, and every
 * {@code crashEveryMs} one component's unexpected exit, turn by turn from each agent;
 * the time from sending that exit to receiving the restart command for its group is a
 * decision latency. On the command, the agent reports what a real one would: a new start
 * of every member of the group restarted (the crashed component alone, or every component
 * of the agent if the rules restarted a larger group), then the restart's outcome.
 *
 * <p>Prints {@code key=value} lines on stdout for the parent: facts sent, latencies in
 * microseconds (sorted), commands, facts still unacknowledged at the end.
 *
 * <pre>java -cp CLASSPATH io.respawn.cli.SimulatedAgents HOST:PORT SECRET_FILE AGENTS COMPONENTS RATE WARMUP SECONDS CRASH_EVERY_MS</pre>
 */
public final class SimulatedAgents {
    private static final Instant PLACEHOLDER_AT = Instant.EPOCH;    // the engine stamps every fact it receives

    /** One simulated node: its link, its components' PIDs and beat counters, its crash in flight. */
    private static final class Node {
        final String name;
        final GroupId group;
        final GroupId crashGroup;
        final ComponentId[] components;
        final String[] gpids;
        final long[] seq;
        EngineLink link;
        volatile long crashSentNanos;    // 0: no crash waiting for its command
        volatile boolean restarting;
        volatile long restartedNanos;
        long nextPid;

        Node(int index, int components) {
            this.name = IngestBench.node(index);
            this.group = GroupId.of(IngestBench.group(index));
            this.crashGroup = GroupId.of(IngestBench.crashGroup(index));
            this.components = new ComponentId[components];
            this.gpids = new String[components];
            this.seq = new long[components];
            this.nextPid = 1000;
            for (int c = 0; c < components; c++) {
                this.components[c] = ComponentId.of(IngestBench.component(index, c));
                this.gpids[c] = name + ":" + nextPid++;
            }
        }
    }

    private final Node[] nodes;
    private final List<Long> latenciesMicros = new ArrayList<>();
    private final AtomicLong commands = new AtomicLong();

    private SimulatedAgents(int agents, int components) {
        nodes = new Node[agents];
        for (int i = 0; i < agents; i++) {
            nodes[i] = new Node(i, components);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 8) {
            System.err.println("usage: SimulatedAgents HOST:PORT SECRET_FILE AGENTS COMPONENTS RATE WARMUP_SECONDS"
                    + " SECONDS CRASH_EVERY_MS");
            System.exit(2);
        }
        SimulatedAgents agents = new SimulatedAgents(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        agents.run(new EngineLink.Settings(HostPort.parse(args[0]), "-", SharedSecret.read(Path.of(args[1])),
                        1_000_000), Long.parseLong(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                Long.parseLong(args[7]));
        System.exit(0);
    }

    private void run(EngineLink.Settings base, long rate, int warmupSeconds, int seconds, long crashEveryMs)
            throws InterruptedException {
        for (Node node : nodes) {
            node.link = new EngineLink(new EngineLink.Settings(base.engine(), node.name, base.secret(),
                    base.bufferLimit()), command -> restarted(node, command));
            node.link.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Node node : nodes) {
            while (!node.link.isReady()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("agent " + node.name + " - not linked to the engine within 60s");
                }
                Thread.sleep(10);
            }
        }
        System.out.println("ready=" + nodes.length);
        System.out.flush();
        long sent = send(rate, TimeUnit.SECONDS.toNanos(warmupSeconds), TimeUnit.SECONDS.toNanos(seconds),
                TimeUnit.MILLISECONDS.toNanos(crashEveryMs));
        long unacked = 0;
        for (Node node : nodes) {
            unacked += node.link.unacknowledged();
        }
        List<Long> sorted;
        synchronized (latenciesMicros) {
            sorted = new ArrayList<>(latenciesMicros);
        }
        sorted.sort(null);
        System.out.println("sent=" + sent);
        System.out.println("unacked=" + unacked);
        System.out.println("commands=" + commands.get());
        System.out.println("latenciesMicros=" + String.join(",", sorted.stream().map(String::valueOf).toList()));
        System.out.flush();
        for (Node node : nodes) {
            node.link.close();
        }
    }

    /**
     * Sends heartbeats at {@code rate} per second and a crash every {@code crashEveryNanos}
     * for {@code warmupNanos + forNanos}; prints {@code measuring=} when the warm-up ends and
     * returns the facts sent after it. A node's components send no heartbeats between its
     * crash and the restart command (their processes are gone); the beats they would have
     * sent are not counted.
     */
    private long send(long rate, long warmupNanos, long forNanos, long crashEveryNanos) {
        long began = System.nanoTime();
        long beatRoundNanos = 1_000_000_000L * nodes.length * nodes[0].components.length / Math.max(1, rate);
        long settleNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100), 3 * beatRoundNanos);
        long nextCrash = began + crashEveryNanos;
        long offered = 0;
        long sent = 0;
        boolean measuring = false;
        int node = 0;
        int component = 0;
        int crashTurn = 0;
        while (true) {
            long now = System.nanoTime();
            long elapsed = now - began;
            if (!measuring && elapsed >= warmupNanos) {
                measuring = true;
                sent = 0;
                synchronized (latenciesMicros) {
                    latenciesMicros.clear();
                }
                System.out.println("measuring=" + nodes.length);
                System.out.flush();
            }
            if (elapsed >= warmupNanos + forNanos) {
                return sent;
            }
            if (now >= nextCrash) {
                sent += crash(nodes[crashTurn++ % nodes.length], now, settleNanos);
                nextCrash += crashEveryNanos;
            }
            long due = rate * elapsed / 1_000_000_000L;
            while (offered < due) {
                Node n = nodes[node];
                if (!n.restarting) {
                    n.link.send(new Heartbeat("-", PLACEHOLDER_AT, n.components[component], n.gpids[component],
                            HeartbeatStatus.OK, ++n.seq[component], null));
                    sent++;
                }
                offered++;
                if (++node == nodes.length) {
                    node = 0;
                    component = (component + 1) % nodes[0].components.length;
                }
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /**
     * The node's first component exits unasked — unless a crash of this node still waits
     * for its command, or its last restart is too recent for every member to have beaten
     * since (the rules would take a new failure for a restart that did not cure).
     */
    private long crash(Node node, long now, long settleNanos) {
        if (node.restarting || now - node.restartedNanos < settleNanos) {
            return 0;
        }
        node.restarting = true;
        long pid = Long.parseLong(node.gpids[0].substring(node.name.length() + 1));
        node.crashSentNanos = System.nanoTime();
        node.link.send(new ProcessExited("-", PLACEHOLDER_AT, node.components[0], node.name, pid, null, 9, false,
                null));
        return 1;
    }

    /** The command for a crash: its latency, then what an agent reports after restarting the group. */
    private Optional<String> restarted(Node node, Command command) {
        long received = System.nanoTime();
        commands.incrementAndGet();
        if (node.crashSentNanos != 0) {
            synchronized (latenciesMicros) {
                latenciesMicros.add((received - node.crashSentNanos) / 1_000);
            }
            node.crashSentNanos = 0;
        }
        boolean justTheCrashed = command.target().equals(node.crashGroup.name());
        for (int c = 0; c < (justTheCrashed ? 1 : node.components.length); c++) {
            long pid = node.nextPid++;
            node.gpids[c] = node.name + ":" + pid;
            node.link.send(new ProcessStarted("-", PLACEHOLDER_AT, node.components[c], node.name, pid,
                    command.decision(), null));
        }
        node.link.send(new RestartOutcome("-", PLACEHOLDER_AT, command.decision(),
                justTheCrashed ? node.crashGroup : node.group,
                RestartResult.SUCCEEDED, 1, List.of(), "", null));
        node.restartedNanos = System.nanoTime();
        node.restarting = false;
        return Optional.empty();
    }
}
