package io.respawn.engine.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.respawn.wire.FramePipeline;
import io.respawn.wire.HostPort;
import io.respawn.wire.tls.LinkTls;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's door for agents: a TCP server speaking length-prefixed JSON frames
 * ({@link io.respawn.wire.Frame}), with a versioned hello and a challenge-response
 * on a shared secret before anything else is accepted; optionally inside TLS
 * ({@link LinkTls}). A {@link ConnectionGuard} comes first on every connection: it caps the
 * connections of one address and the time a connection may take to authenticate, before
 * a TLS handshake costs anything.
 */
public final class Gateway implements AutoCloseable {
    /** Default address: loopback only, unless told otherwise. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 7460);
    /** Default cap on the connections open at once from one IP address, authenticated or not. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = ConnectionGuard.DEFAULT_MAX_PER_ADDRESS;

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong refusals = new AtomicLong();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ConnectionGuard guard;
    private final Channel server;

    private Gateway(InetSocketAddress address, byte[] secret, LinkTls tls, Agents agents, int maxPerAddress)
            throws InterruptedException {
        this.guard = new ConnectionGuard(maxPerAddress);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast("guard", guard);
                        tls.install(ch, ch.remoteAddress(), reason -> {
                            refusals.incrementAndGet();
                            LOG.warn("TLS handshake with {} failed: {}", HostPort.format(ch.remoteAddress()), reason);
                        });
                        ch.pipeline().addLast("handshake-timeout", new ReadTimeoutHandler(Handshake.HANDSHAKE_SECONDS));
                        FramePipeline.install(ch.pipeline());
                        ch.pipeline().addLast("handshake", new Handshake(secret, agents, refusals));
                    }
                });
        this.server = bootstrap.bind(address).sync().channel();
    }

    /** Listens on {@code address} (port 0: any free port; see {@link #address()}), without TLS, default cap. */
    public static Gateway listen(InetSocketAddress address, byte[] secret, Agents agents) {
        return listen(address, secret, LinkTls.OFF, agents, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Listens without TLS, with at most {@code maxPerAddress} connections open at once from one IP address. */
    public static Gateway listen(InetSocketAddress address, byte[] secret, Agents agents, int maxPerAddress) {
        return listen(address, secret, LinkTls.OFF, agents, maxPerAddress);
    }

    /**
     * Listens on {@code address} (port 0: any free port; see {@link #address()}), with {@code tls}
     * if on, and at most {@code maxPerAddress} connections open at once from one IP address.
     */
    public static Gateway listen(InetSocketAddress address, byte[] secret, LinkTls tls, Agents agents,
                                 int maxPerAddress) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("gateway - the shared secret is too short: " + secret.length
                    + " bytes (at least 16)");
        }
        try {
            return new Gateway(address, secret, tls, agents, maxPerAddress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("gateway - interrupted while binding " + address, e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /**
     * Connections refused: failed TLS handshakes, bad frames, wrong version, wrong or missing
     * secret, out-of-order frames.
     */
    public long refusals() {
        return refusals.get();
    }

    /** Connections closed at once because their address already had the most it may have open. */
    public long closedOverCap() {
        return guard.overCap();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
