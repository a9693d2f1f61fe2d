package io.respawn.probes;

import java.nio.channels.AsynchronousChannelGroup;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Passes when a TCP connection opens in time, then closes it. A stopped process still
 * passes this (the kernel completes the handshake for it): only an exchange catches a hang.
 */
final class TcpConnectStep implements Step {
    private final Endpoint endpoint;
    private final AsynchronousChannelGroup group;

    TcpConnectStep(Endpoint endpoint, AsynchronousChannelGroup group) {
        this.endpoint = endpoint;
        this.group = group;
    }

    @Override
    public CompletableFuture<Outcome> start(Attempt attempt) {
        return SocketConversation.start(attempt, group, endpoint, new byte[0], new SocketConversation.Listener() {
            @Override
            public Optional<Outcome> connected() {
                return Optional.of(Outcome.pass("connected to " + endpoint + " in " + attempt.elapsedMillis() + "ms"));
            }

            @Override
            public Optional<Outcome> received(Answer answer) {
                throw new IllegalStateException("a connect probe reads nothing");
            }

            @Override
            public Outcome ended(Answer answer) {
                throw new IllegalStateException("a connect probe reads nothing");
            }

            @Override
            public Outcome timedOut(Answer answer) {
                return Outcome.fail(attempt.timedOut("no connection to " + endpoint));
            }
        });
    }
}
