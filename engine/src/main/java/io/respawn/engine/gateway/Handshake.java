package io.respawn.engine.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.respawn.wire.Auth;
import io.respawn.wire.Challenge;
import io.respawn.wire.FactBatch;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.Hello;
import io.respawn.wire.Refused;
import io.respawn.wire.Welcome;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent connection: hello, challenge, auth, then facts. Anything out of order,
 * a wrong protocol version or a wrong MAC is refused with a reason and the connection
 * closed; the attempt is logged and counted.
 */
final class Handshake extends SimpleChannelInboundHandler<Frame> {
    private enum State { AWAIT_HELLO, AWAIT_AUTH, READY, REFUSED }

    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** As {@link Gateway} allows it, for the message. */
    static final int HANDSHAKE_SECONDS = 10;

    private final byte[] secret;
    private final Agents agents;
    private final AtomicLong refusals;
    private State state = State.AWAIT_HELLO;
    private Hello hello;
    private String nonce;
    private AgentSession session;
    private long frames;

    Handshake(byte[] secret, Agents agents, AtomicLong refusals) {
        this.secret = secret;
        this.agents = agents;
        this.refusals = refusals;
    }

    /** True until the connection is an agent or refused: what {@link ConnectionGuard}'s deadline closes. */
    boolean awaitingHandshake() {
        return state == State.AWAIT_HELLO || state == State.AWAIT_AUTH;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        frames++;
        switch (state) {
            case AWAIT_HELLO -> hello(ctx, frame);
            case AWAIT_AUTH -> auth(ctx, frame);
            case READY -> ready(ctx, frame);
            case REFUSED -> LOG.debug("frame after a refusal dropped kind={} remote={}", FrameCodec.kind(frame),
                    ctx.channel().remoteAddress());
        }
    }

    private void hello(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof Hello h)) {
            refuse(ctx, here() + "expected hello first, got " + FrameCodec.kind(frame));
            return;
        }
        if (h.version() != FrameCodec.VERSION) {
            refuse(ctx, here() + "protocol version " + h.version() + " is not spoken here (version "
                    + FrameCodec.VERSION + ")");
            return;
        }
        hello = h;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        nonce = HexFormat.of().formatHex(bytes);
        state = State.AWAIT_AUTH; // AWAIT_HELLO -> AWAIT_AUTH
        ctx.writeAndFlush(new Challenge(nonce));
    }

    private void auth(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof Auth a)) {
            refuse(ctx, here() + "expected auth, got " + FrameCodec.kind(frame));
            return;
        }
        if (!FrameCodec.sameMac(FrameCodec.mac(secret, hello, nonce), a.mac())) {
            refuse(ctx, here() + "authentication failed for node " + hello.node()
                    + ": the MAC does not match this connection's challenge (wrong secret, or an auth replayed)");
            return;
        }
        ctx.pipeline().remove("handshake-timeout");
        session = new AgentSession(hello.node(), hello.incarnation(), ctx.channel());
        state = State.READY; // AWAIT_AUTH -> READY
        // the engine knows the session before the agent hears it is welcome: a decision made on
        // the agent's very first facts must find the session to send its command to
        agents.connected(session);
        ctx.writeAndFlush(new Welcome(agents.acked(hello.node(), hello.incarnation())));
        LOG.info("agent connected node={} incarnation={} remote={}", hello.node(), hello.incarnation(),
                ctx.channel().remoteAddress());
    }

    private void ready(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof FactBatch batch) {
            agents.facts(session, batch.facts());
        } else {
            refuse(ctx, here() + "unexpected " + FrameCodec.kind(frame) + " from an agent");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        refusals.incrementAndGet();
        LOG.warn("agent refused reason=\"{}\" remote={}", reason, ctx.channel().remoteAddress());
        ctx.writeAndFlush(new Refused(reason)).addListener(ChannelFutureListener.CLOSE);
        state = State.REFUSED; // any -> REFUSED: nothing more is read from this connection
    }

    /** Names the frame being handled: {@code frame 3 - }. */
    private String here() {
        return "frame " + frames + " - ";
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            LOG.info("agent disconnected node={} incarnation={}", session.node(), session.incarnation());
            agents.disconnected(session);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.REFUSED) {
            LOG.debug("error after a refusal remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof ReadTimeoutException) {
            refuse(ctx, "no handshake within " + HANDSHAKE_SECONDS + "s");
        } else if (cause instanceof DecoderException) {
            // the decoder's message names the frame and the field: "frame 2 - field version: ..."
            Throwable root = cause.getCause() != null ? cause.getCause() : cause;
            refuse(ctx, root.getMessage());
        } else {
            LOG.warn("agent connection failed remote={}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
