package io.respawn.heartbeat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends heartbeats to the local respawn agent: one UDP datagram per beat, no dependencies
 * beyond the JDK.
 *
 * <p>A component started by respawn finds everything it needs in its environment:
 * <pre>{@code
 * HeartbeatClient heartbeats = HeartbeatClient.fromEnvironment();
 * heartbeats.startBeating(Duration.ofSeconds(1));        // a daemon thread, status OK
 * ...
 * heartbeats.status(HeartbeatClient.Status.DEGRADED);    // from now on
 * }</pre>
 * or, from a shell script: {@code java -cp respawn-heartbeat-client.jar
 * io.respawn.heartbeat.HeartbeatClient --status OK} (see {@link #main}).
 *
 * <p>Each datagram is one line: {@code HB1 <component> <node>:<pid> <OK|DEGRADED|FAILED>
 * <seq> <token> <sentAtEpochMillis>}. The sequence rises by one per beat from 1; use one
 * client per process, since the agent's engine ignores a sequence that does not rise.
 */
public final class HeartbeatClient implements AutoCloseable {
    /** What the application says about itself. */
    public enum Status {
        /** Working normally. */
        OK,
        /** Working, but impaired. */
        DEGRADED,
        /** It has failed: restart it. */
        FAILED
    }

    /** The first field of every datagram: the format and its version. */
    public static final String PROTOCOL = "HB1";

    private final String component;
    private final String node;
    private final long pid;
    private final InetSocketAddress agent;
    private final String token;
    private final DatagramSocket socket;
    private final AtomicLong seq;
    private volatile Status status = Status.OK;
    private Beater beater;

    /** A client for this process (its own PID). */
    public HeartbeatClient(String component, String node, InetSocketAddress agent, String token) {
        this(component, node, ProcessHandle.current().pid(), agent, token, 0);
    }

    /**
     * @param pid       the PID to send as: this process or another of the component's process tree
     * @param lastSeq   the sequence number before the first beat (the first beat sends {@code lastSeq + 1})
     */
    public HeartbeatClient(String component, String node, long pid, InetSocketAddress agent, String token,
                           long lastSeq) {
        this.component = field("component", component);
        this.node = field("node", node);
        this.token = field("token", token);
        this.agent = Objects.requireNonNull(agent, "agent");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid - must be positive: " + pid);
        }
        this.pid = pid;
        this.seq = new AtomicLong(lastSeq);
        try {
            this.socket = new DatagramSocket();
        } catch (SocketException e) {
            throw new UncheckedIOException("heartbeat client - cannot open a UDP socket: " + e.getMessage(), e);
        }
    }

    /** A client configured from this process's environment, as respawn sets it. */
    public static HeartbeatClient fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * A client configured from {@code env}: RESPAWN_COMPONENT, RESPAWN_NODE,
     * RESPAWN_HEARTBEAT_PORT, RESPAWN_HEARTBEAT_TOKEN, and RESPAWN_HEARTBEAT_HOST
     * (127.0.0.1 if unset).
     *
     * @throws IllegalStateException naming the first variable that is missing or wrong
     */
    public static HeartbeatClient fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, ProcessHandle.current().pid(), 0);
    }

    /** As {@link #fromEnvironment(Map)}, sending as {@code pid}, the first beat numbered {@code lastSeq + 1}. */
    static HeartbeatClient fromEnvironment(Map<String, String> env, long pid, long lastSeq) {
        String host = env.getOrDefault("RESPAWN_HEARTBEAT_HOST", "127.0.0.1");
        String port = required(env, "RESPAWN_HEARTBEAT_PORT");
        return new HeartbeatClient(required(env, "RESPAWN_COMPONENT"), required(env, "RESPAWN_NODE"), pid,
                address(host, port), required(env, "RESPAWN_HEARTBEAT_TOKEN"), lastSeq);
    }

    /** Sends one beat now; returns its sequence number. */
    public long beat(Status beatStatus) {
        long n = seq.incrementAndGet();
        byte[] bytes = line(component, node, pid, beatStatus, n, token, System.currentTimeMillis())
                .getBytes(StandardCharsets.US_ASCII);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, agent));
        } catch (IOException e) {
            throw new UncheckedIOException("heartbeat " + component + " - send to " + agent + " failed: "
                    + e.getMessage(), e);
        }
        return n;
    }

    /** The status the beating thread sends from its next beat on. */
    public void status(Status newStatus) {
        this.status = Objects.requireNonNull(newStatus, "status");
    }

    /** Starts a daemon thread that sends the current {@link #status} every {@code interval}. */
    public synchronized void startBeating(Duration interval) {
        if (beater != null) {
            throw new IllegalStateException("heartbeat " + component + " - already beating");
        }
        beater = Beater.start(this, interval);
    }

    /** Stops the beating thread, if any, and closes the socket. */
    @Override
    public synchronized void close() {
        if (beater != null) {
            beater.stop();
        }
        socket.close();
    }

    Status currentStatus() {
        return status;
    }

    String component() {
        return component;
    }

    /** The datagram text of one beat. */
    static String line(String component, String node, long pid, Status status, long seq, String token,
                       long sentAtMillis) {
        return PROTOCOL + " " + component + " " + node + ":" + pid + " " + status + " " + seq + " " + token + " "
                + sentAtMillis + "\n";
    }

    /**
     * Sends heartbeats from a shell script. Options (each defaults to the environment
     * respawn gives a component): {@code --status OK|DEGRADED|FAILED} (OK),
     * {@code --component C}, {@code --node N}, {@code --host H}, {@code --port P},
     * {@code --token T}, {@code --pid P} (this JVM's), {@code --seq N} (the time in
     * milliseconds, so that beats from successive runs rise), {@code --every 1s}
     * (keep beating at that interval until killed). Exit status 0 when sent, 1 when the
     * send failed, 2 on a usage error.
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** What {@link #main} does, returning the exit status instead of exiting. */
    public static int run(String... args) {
        return CommandLine.run(args, System.getenv(), System.err);
    }

    static InetSocketAddress address(String host, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("RESPAWN_HEARTBEAT_PORT - not a port number: \"" + port + "\"");
        }
        if (number < 1 || number > 65535) {
            throw new IllegalStateException("RESPAWN_HEARTBEAT_PORT - must be 1-65535: " + number);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("RESPAWN_HEARTBEAT_HOST - unknown host: \"" + host + "\"");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " - not set (respawn sets it for the components it starts;"
                    + " outside one, give it explicitly)");
        }
        return value;
    }

    private static String field(String name, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
            throw new IllegalArgumentException(name + " - must be printable ASCII without spaces: \"" + value + "\"");
        }
        return value;
    }
}
