package io.respawn.agent.heartbeat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.Observation;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives application heartbeats over UDP — on a unicast address, and on a multicast
 * group if configured — one datagram per beat in the format {@link BeatLine} documents.
 *
 * <p>A beat counts only if it names a component this node runs, carries the token that
 * component's current process was given, comes from a PID of its process tree, and fits
 * the component's rate; anything else is counted by reason ({@link #counters()}) and
 * dropped. A beat that counts becomes a {@link Heartbeat} fact naming the component's
 * main PID (the one ProcessStarted reported), whichever process of the tree sent it.
 *
 * <p>Drops are also counted per source ({@link FloodWatch}): a source whose drops in a
 * window outnumber what a component may send in it floods the receiver, and each window
 * of the flood, and its end, becomes a {@link HeartbeatFlood} fact.
 */
public final class HeartbeatReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatReceiver.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    /** How long a receiving thread waits for a datagram before it closes the flood windows that are due. */
    private static final int SWEEP_EVERY_MILLIS = 1000;

    private final ReceiverSettings settings;
    private final String node;
    private final Consumer<Observation> sink;
    private final Supplier<String> ids;
    private final InstantSource clock;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final Map<ComponentId, RateLimit> rates = new ConcurrentHashMap<>();
    private final LongAdder accepted = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, AtomicLong> lastWarnNanos = new EnumMap<>(RejectReason.class);
    private final FloodWatch floods;
    private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());
    private volatile SenderCheck check;
    private volatile boolean closed;

    private HeartbeatReceiver(ReceiverSettings settings, String node, Consumer<Observation> sink,
                              Supplier<String> ids, InstantSource clock) {
        this.settings = settings;
        this.node = node;
        this.sink = sink;
        this.ids = ids;
        this.clock = clock;
        this.floods = new FloodWatch(settings.beatsPerSecond() * FloodWatch.WINDOW.toSeconds());
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new LongAdder());
            lastWarnNanos.put(reason, new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS));
        }
    }

    /**
     * Binds the sockets, on the calling thread (which matters inside a network
     * namespace), without receiving yet: the port is known before any component is
     * started, so it can be handed to them.
     */
    public static HeartbeatReceiver open(ReceiverSettings settings, String node, Consumer<Observation> sink,
                                         Supplier<String> ids, InstantSource clock) throws IOException {
        HeartbeatReceiver receiver = new HeartbeatReceiver(settings, node, sink, ids, clock);
        try {
            receiver.sockets.add(new DatagramSocket(settings.unicast()));
            if (settings.multicast().isPresent()) {
                receiver.sockets.add(joined(settings.multicast().get()));
            }
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
        return receiver;
    }

    /** The unicast address bound, with the actual port. */
    public InetSocketAddress address() {
        DatagramSocket unicast = sockets.get(0);
        return new InetSocketAddress(unicast.getLocalAddress(), unicast.getLocalPort());
    }

    /** Starts receiving; heartbeats are checked against {@code senders}. */
    public synchronized void start(SenderCheck senders) {
        if (check != null) {
            throw new IllegalStateException("heartbeat receiver - already started");
        }
        check = senders;
        for (DatagramSocket socket : sockets) {
            try {
                socket.setSoTimeout(SWEEP_EVERY_MILLIS);
            } catch (SocketException e) {
                throw new IllegalStateException("heartbeat receiver - cannot set a receive timeout on port "
                        + socket.getLocalPort(), e);
            }
            Thread thread = new Thread(() -> receive(socket), "respawn-heartbeats-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }
        LOG.info("heartbeat receiver listening: node={} unicast={} multicast={}", node, address(),
                settings.multicast().map(MulticastGroup::group).orElse(null));
    }

    public HeartbeatCounters counters() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        rejected.forEach((reason, count) -> counts.put(reason, count.sum()));
        return new HeartbeatCounters(accepted.sum(), counts);
    }

    @Override
    public void close() {
        closed = true;
        sockets.forEach(DatagramSocket::close);
    }

    /**
     * Handles one datagram's text from {@code source}; package-private so the checks can be
     * tested without sockets.
     */
    void handle(String text, InetAddress source) {
        BeatLine beat = BeatLine.parse(text).orElse(null);
        if (beat == null) {
            reject(RejectReason.MALFORMED, text, new FloodWatch.Source(source, null));
        } else if (!beat.node().equals(node)) {
            reject(RejectReason.OTHER_NODE, text, null);
        } else if (!check.knows(beat.component())) {
            reject(RejectReason.UNKNOWN_COMPONENT, text, new FloodWatch.Source(source, null));
        } else {
            admit(beat, text, new FloodWatch.Source(source, ComponentId.of(beat.component().name())));
        }
    }

    /** Closes the flood windows that are due and reports them; package-private for tests. */
    void sweep() {
        lastSweepNanos.set(System.nanoTime());
        synchronized (floods) {
            report(floods.close(clock.instant()));
        }
    }

    private void admit(BeatLine beat, String text, FloodWatch.Source source) {
        Admission admission = check.admit(beat.component(), beat.token());
        if (admission instanceof Admission.Rejected rejection) {
            reject(rejection.reason(), text, source);
            return;
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        if (!rates.computeIfAbsent(beat.component(), c -> new RateLimit(settings.beatsPerSecond(), settings.burst(),
                System.nanoTime())).tryTake(System.nanoTime())) {
            reject(RejectReason.RATE_LIMITED, text, source);
        } else if (!admitted.treeMember().test(beat.pid())) {
            reject(RejectReason.FOREIGN_PID, text, source);
        } else {
            accept(beat, admitted.mainPid());
        }
    }

    private void accept(BeatLine beat, long mainPid) {
        Instant at = clock.instant();
        Instant sentAt = beat.sentAtMillis().isPresent() ? Instant.ofEpochMilli(beat.sentAtMillis().getAsLong()) : at;
        Heartbeat fact = new Heartbeat(ids.get(), at, ComponentId.of(beat.component().name()), node + ":" + mainPid,
                beat.status(), beat.seq(), sentAt);
        accepted.increment();
        LOG.debug("heartbeat: component={} pid={} senderPid={} status={} seq={}", beat.component(), mainPid,
                beat.pid(), beat.status(), beat.seq());
        sink.accept(fact);
    }

    /** Counts and logs a dropped datagram; {@code source} is null for the normal drops, which no flood counts. */
    private void reject(RejectReason reason, String text, FloodWatch.Source source) {
        rejected.get(reason).increment();
        if (reason == RejectReason.OTHER_NODE || reason == RejectReason.NOT_RUNNING) {
            // normal: another node's beat on a shared group; a beat in flight while its component stops
            LOG.debug("heartbeat ignored: reason={} datagram=\"{}\"", reason, printable(text));
            return;
        }
        synchronized (floods) {     // a flood's reports leave in order, whichever thread closes its windows
            report(floods.dropped(source, clock.instant()));
        }
        long now = System.nanoTime();
        AtomicLong last = lastWarnNanos.get(reason);
        long previous = last.get();
        if (now - previous >= WARN_EVERY_NANOS && last.compareAndSet(previous, now)) {
            LOG.warn("heartbeat rejected: reason={} total={} datagram=\"{}\" (further ones of this reason for 10s"
                    + " are only counted)", reason, rejected.get(reason).sum(), printable(text));
        } else {
            LOG.debug("heartbeat rejected: reason={} datagram=\"{}\"", reason, printable(text));
        }
    }

    private void report(List<FloodWatch.Report> reports) {
        for (FloodWatch.Report r : reports) {
            HeartbeatFlood fact = new HeartbeatFlood(ids.get(), clock.instant(), node,
                    r.source().address().getHostAddress(), r.source().component(), r.since(), r.from(), r.to(),
                    r.dropped(), r.limit(), r.ended());
            if (r.ended()) {
                LOG.info("heartbeat flood over: source={} component={} dropped={} since={} (limit {} in {}s)",
                        fact.source(), fact.component(), r.dropped(), r.since(), r.limit(),
                        FloodWatch.WINDOW.toSeconds());
            } else if (fact.first()) {
                LOG.warn("heartbeat flood: source={} component={} dropped={} in {}s (limit {}); reported to the engine"
                        + " every {}s until it ends", fact.source(), fact.component(), r.dropped(),
                        FloodWatch.WINDOW.toSeconds(), r.limit(), FloodWatch.WINDOW.toSeconds());
            } else {
                LOG.debug("heartbeat flood goes on: source={} component={} dropped={} since={}", fact.source(),
                        fact.component(), r.dropped(), r.since());
            }
            sink.accept(fact);
        }
    }

    private void receive(DatagramSocket socket) {
        byte[] buffer = new byte[BeatLine.MAX_BYTES + 1];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (packet.getLength() > BeatLine.MAX_BYTES) {
                    reject(RejectReason.MALFORMED, "(" + packet.getLength() + "+ bytes)",
                            new FloodWatch.Source(packet.getAddress(), null));
                } else {
                    handle(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII), packet.getAddress());
                }
                if (System.nanoTime() - lastSweepNanos.get() >= SWEEP_EVERY_MILLIS * 1_000_000L) {
                    sweep();        // beats that never pause still let a flood that stopped be reported over
                }
            } catch (SocketTimeoutException e) {
                sweep();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("heartbeat receive failed, continuing: port={} cause={}", socket.getLocalPort(),
                            e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("heartbeat handling failed, continuing: port={}", socket.getLocalPort(), e);
            }
        }
    }

    private static MulticastSocket joined(MulticastGroup group) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(group.interfaceName());
        if (nif == null) {
            throw new SocketException("heartbeat multicast - no such interface: " + group.interfaceName());
        }
        MulticastSocket socket = new MulticastSocket(group.group().getPort());
        try {
            socket.joinGroup(new InetSocketAddress(group.group().getAddress(), 0), nif);
        } catch (IOException e) {
            socket.close();
            throw new SocketException("heartbeat multicast - cannot join " + group.group() + " on "
                    + group.interfaceName() + ": " + e.getMessage());
        }
        return socket;
    }

    /** The datagram for a log line: the token masked, at most 120 characters, printable ASCII only. */
    private static String printable(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length >= 6 && fields[0].equals(BeatLine.PREFIX)) {
            fields[5] = "<token>";
        }
        String shown = String.join(" ", fields);
        shown = shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
