package io.respawn.engine.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection may hold before it is an agent. Each remote IP address has at most
 * {@code maxPerAddress} connections open at once, authenticated or not: one more is
 * closed as soon as it is accepted, and counted. A connection still without a handshake
 * {@link Handshake#HANDSHAKE_SECONDS} after it was accepted is closed, however it trickled
 * bytes in meanwhile (the read timeout alone is reset by every byte).
 *
 * <p>One instance serves every connection of a gateway (it is {@link ChannelHandler.Sharable}).
 * The line a closed connection logs is a WARN at most once per {@link #WARN_EVERY_NANOS},
 * saying how many were closed since the last one, so a flood of connections does not
 * flood the log.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    /** The default cap on connections from one address: room for agents behind one NAT, not for a flood. */
    static final int DEFAULT_MAX_PER_ADDRESS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxPerAddress;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong overCap = new AtomicLong();
    private final AtomicLong sinceWarn = new AtomicLong();
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ConnectionGuard(int maxPerAddress) {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("gateway - max connections per address must be at least 1: "
                    + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
    }

    /** Connections closed because their address already had {@code maxPerAddress} open. */
    long overCap() {
        return overCap.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (open.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            overCap.incrementAndGet();
            warn(address);
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> release(address));
        ctx.executor().schedule(() -> closeIfNoHandshake(ctx), Handshake.HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    private void release(InetAddress address) {
        open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    private void warn(InetAddress address) {
        long closed = sinceWarn.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            sinceWarn.addAndGet(-closed);
            LOG.warn("agent connection closed: address={} already has {} connections open, the cap per address"
                    + " ({} closed over the cap since the last such line; further ones for 10s are only counted)",
                    address.getHostAddress(), maxPerAddress, closed);
        }
    }

    private void closeIfNoHandshake(ChannelHandlerContext ctx) {
        Handshake handshake = ctx.pipeline().get(Handshake.class);
        if (ctx.channel().isActive() && handshake != null && handshake.awaitingHandshake()) {
            LOG.warn("agent connection closed: remote={} no handshake within {}s of connecting",
                    ctx.channel().remoteAddress(), Handshake.HANDSHAKE_SECONDS);
            ctx.close();
        }
    }
}
