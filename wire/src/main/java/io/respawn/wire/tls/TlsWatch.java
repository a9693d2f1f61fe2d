package io.respawn.wire.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Sits right behind the {@code SslHandler} and reports the first TLS failure of a
 * connection once: a failed handshake, or an alert after it (under TLS 1.3 a client learns
 * only after its side of the handshake that the server wanted its certificate). A TLS
 * error goes no further down the pipeline, where the frame handlers would take it for a
 * bad frame; the {@code SslHandler} has closed the connection, or this closes it.
 */
final class TlsWatch extends ChannelInboundHandlerAdapter {
    private final Consumer<Throwable> failed;
    private boolean reported;

    TlsWatch(Consumer<Throwable> failed) {
        this.failed = failed;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            report(completion.cause());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isTls(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        report(cause);
        ctx.close();
    }

    private void report(Throwable cause) {
        if (!reported) {
            reported = true;
            failed.accept(cause);
        }
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
