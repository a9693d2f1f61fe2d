package io.respawn.agent.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.respawn.agent.state.Ledger;
import io.respawn.facts.Observation;
import io.respawn.wire.Ack;
import io.respawn.wire.Auth;
import io.respawn.wire.Challenge;
import io.respawn.wire.Command;
import io.respawn.wire.FactBatch;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.FramePipeline;
import io.respawn.wire.Hello;
import io.respawn.wire.HostPort;
import io.respawn.wire.Refused;
import io.respawn.wire.SequencedFact;
import io.respawn.wire.Welcome;
import io.respawn.wire.tls.LinkTls;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's link to the engine: authenticates with the shared secret, sends every
 * observation with a sequence number, and forgets it only once the engine acknowledges
 * that it is journaled. While the engine is unreachable, observations are buffered (at
 * most {@code bufferLimit}; past that the oldest are dropped and counted) and sent again
 * in order after reconnecting, with back-off and jitter. Commands are carried out one at
 * a time, each decision id once. With {@link LinkTls} on, all of it runs inside TLS; a failed
 * TLS handshake is logged with its reason in plain words and retried like any lost connection.
 *
 * <p>Facts sent while connected are handed to the connection's event loop in bulk: the
 * first one asks the loop for a flush, and what the senders add until it runs goes out
 * with it, up to {@value #BATCH} facts a frame. A lone fact waits for no timer; a burst
 * costs one wake-up and one write, not one per fact.
 */
public final class EngineLink implements AutoCloseable {
    /** Where the engine is, who this agent is, the secret, how much to buffer, the ledger to keep, and TLS. */
    public record Settings(InetSocketAddress engine, String node, byte[] secret, int bufferLimit, Ledger ledger,
                           LinkTls tls) {
        public Settings(InetSocketAddress engine, String node, byte[] secret, int bufferLimit, Ledger ledger) {
            this(engine, node, secret, bufferLimit, ledger, LinkTls.OFF);
        }

        public Settings(InetSocketAddress engine, String node, byte[] secret, int bufferLimit) {
            this(engine, node, secret, bufferLimit, Ledger.OFF);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineLink.class);
    private static final int BATCH = 512;
    private static final int REMEMBERED_DECISIONS = 4096;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Settings settings;
    private final CommandHandler handler;
    private final String incarnation = randomHex(8);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "respawn-agent-commands");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<SequencedFact> unacked = new ArrayDeque<>();
    /** Facts for the connection in use, not yet handed to it; a part of {@link #unacked} (guarded by this). */
    private final List<SequencedFact> outgoing = new ArrayList<>();
    /** A flush of {@link #outgoing} is queued on a connection's event loop (guarded by this). */
    private boolean flushQueued;
    private final LinkedHashSet<String> executed = new LinkedHashSet<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refusedCommands = new AtomicLong();
    private long nextSeq = 1;
    private volatile Channel channel;
    private volatile boolean ready;
    private volatile boolean closed;
    private int attempts;

    public EngineLink(Settings settings, CommandHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    /** Starts connecting (and reconnecting) in the background. */
    public void start() {
        connect();
    }

    /** True once authenticated and welcomed by the engine. */
    public boolean isReady() {
        return ready;
    }

    /** Observations dropped because the buffer was full while the engine was away. */
    public long dropped() {
        return dropped.get();
    }

    /** Observations sent or waiting that the engine has not yet acknowledged. */
    public synchronized int unacknowledged() {
        return unacked.size();
    }

    /** Commands refused: not a group or component this node declares, or not readable. */
    public long refusedCommands() {
        return refusedCommands.get();
    }

    /** The agent run's identity: sequence numbers count within it. */
    public String incarnation() {
        return incarnation;
    }

    /** Queues {@code fact} for the engine; sends it now if connected. Thread-safe. */
    public void send(Observation fact) {
        // numbering and writing under one lock: the engine must get facts in sequence order,
        // also while welcomed() is sending what waited (it ignores a number it has passed)
        synchronized (this) {
            SequencedFact sequenced = new SequencedFact(nextSeq++, fact);
            settings.ledger().sent(incarnation, sequenced.seq(), fact);
            unacked.addLast(sequenced);
            while (unacked.size() > settings.bufferLimit()) {
                settings.ledger().dropped(incarnation, unacked.removeFirst().seq());
                if (dropped.incrementAndGet() % 1000 == 1) {
                    LOG.warn("engine away: buffer full, oldest facts dropped dropped={} limit={}", dropped.get(),
                            settings.bufferLimit());
                }
            }
            Channel ch = channel;
            if (ready && ch != null) {
                outgoing.add(sequenced);
                if (!flushQueued) {
                    flushQueued = true;
                    ch.eventLoop().execute(() -> flush(ch));
                }
            }
        }
    }

    /**
     * Writes what waits in {@link #outgoing}, on {@code ch}'s event loop. If the connection
     * changed meanwhile, {@link #welcomed} sent the facts again on the new one; what was
     * added since goes out there.
     */
    private void flush(Channel ch) {
        List<SequencedFact> batch;
        synchronized (this) {
            flushQueued = false;
            Channel now = channel;
            if (outgoing.isEmpty() || now == null) {
                return;
            }
            if (ch != now) {
                flushQueued = true;
                now.eventLoop().execute(() -> flush(now));
                return;
            }
            batch = new ArrayList<>(outgoing);
            outgoing.clear();
        }
        for (int i = 0; i < batch.size(); i += BATCH) {
            ch.write(new FactBatch(batch.subList(i, Math.min(batch.size(), i + BATCH))));
        }
        ch.flush();
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        settings.tls().install(ch, settings.engine(), reason -> LOG.warn(
                                "TLS handshake with {} failed: {}", HostPort.format(settings.engine()), reason));
                        FramePipeline.install(ch.pipeline());
                        ch.pipeline().addLast(new Session());
                    }
                });
        ChannelFuture future = bootstrap.connect(settings.engine());
        future.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("engine not reachable address={} cause={}", settings.engine(), f.cause().toString());
                reconnectLater();
            }
        });
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        long base = Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempts++, 6));
        long delay = base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** The conversation on one connection. */
    private final class Session extends SimpleChannelInboundHandler<Frame> {
        private Hello hello;
        /** The engine sent something on this connection (a frame, or bytes that were not one). */
        private boolean heard;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            hello = new Hello(FrameCodec.VERSION, settings.node(), incarnation, randomHex(16));
            ctx.writeAndFlush(hello);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            heard = true;
            if (frame instanceof Challenge c) {
                ctx.writeAndFlush(new Auth(FrameCodec.mac(settings.secret(), hello, c.nonce())));
            } else if (frame instanceof Welcome w) {
                welcomed(ctx.channel(), w.acked());
            } else if (frame instanceof Ack a) {
                forget(a.upTo());
            } else if (frame instanceof Command c) {
                commands.execute(() -> carryOut(c));
            } else if (frame instanceof Refused r) {
                LOG.error("engine refused this agent node={} reason=\"{}\"", settings.node(), r.message());
            } else {
                LOG.warn("unexpected frame from the engine kind={}", frame.getClass().getSimpleName());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel()) {
                synchronized (EngineLink.this) {
                    ready = false;
                    channel = null;
                    outgoing.clear();    // still unacknowledged: sent again once welcomed
                }
                if (!closed) {
                    LOG.warn("engine link lost; components keep running, facts are buffered address={}",
                            settings.engine());
                }
            } else if (!heard && !closed && !settings.tls().isOn()) {
                LOG.warn("engine closed the connection without a word address={} (an engine with TLS on does this"
                        + " to an agent without --tls-ca, and one that has the most connections it takes from this"
                        + " address)", HostPort.format(settings.engine()));
            }
            reconnectLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                // the stream cannot be trusted past a length this wrong: start over on a new connection
                heard = true;
                refusedCommands.incrementAndGet();
                LOG.warn("frame from the engine refused, reconnecting reason=\"{}\" address={}", cause.getMessage(),
                        settings.engine());
                ctx.close();
                return;
            }
            if (cause instanceof DecoderException) {
                refusedCommands.incrementAndGet();
                LOG.warn("frame from the engine refused reason=\"{}\"",
                        cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
                return;
            }
            LOG.warn("engine link failed address={} cause={}", settings.engine(), cause.toString());
            ctx.close();
        }
    }

    private synchronized void welcomed(Channel ch, long acked) {
        settings.ledger().acked(incarnation, acked);
        drop(acked);
        List<SequencedFact> pending = new ArrayList<>(unacked);
        outgoing.clear();    // among the pending, sent below
        LOG.info("engine link up address={} incarnation={} resending={}", settings.engine(), incarnation,
                pending.size());
        for (int i = 0; i < pending.size(); i += BATCH) {
            ch.write(new FactBatch(pending.subList(i, Math.min(pending.size(), i + BATCH))));
        }
        ch.flush();
        channel = ch;
        ready = true;
        attempts = 0;
    }

    private synchronized void forget(long upTo) {
        settings.ledger().acked(incarnation, upTo);
        drop(upTo);
    }

    private void drop(long upTo) {
        while (!unacked.isEmpty() && unacked.peekFirst().seq() <= upTo) {
            unacked.removeFirst();
        }
    }

    private void carryOut(Command command) {
        synchronized (executed) {
            if (!executed.add(command.decision()) || handler.executed(command.decision())) {
                LOG.info("command delivered again, already carried out; ignored as a duplicate decision={}"
                        + " action={} target={}", command.decision(), command.action(), command.target());
                settings.ledger().decision("duplicate", command.decision(), command.action().name(),
                        command.target());
                return;
            }
            if (executed.size() > REMEMBERED_DECISIONS) {
                executed.remove(executed.iterator().next());
            }
        }
        try {
            Optional<String> refusal = handler.execute(command);
            refusal.ifPresent(reason -> {
                refusedCommands.incrementAndGet();
                settings.ledger().decision("refused", command.decision(), command.action().name(), command.target());
                LOG.warn("command refused decision={} action={} target={} reason=\"{}\"", command.decision(),
                        command.action(), command.target(), reason);
            });
        } catch (RuntimeException e) {
            LOG.error("command failed decision={} target={}", command.decision(), command.target(), e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        commands.shutdownNow();
    }
}
