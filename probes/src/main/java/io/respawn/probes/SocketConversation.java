package io.respawn.probes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One TCP conversation with no thread waiting on it: connect, write a request, read until
 * the answer decides the run or the server closes. The I/O is asynchronous on the runner's
 * channel group; the attempt's deadline closes the channel, which ends any pending
 * connect or read. The channel is closed when the conversation ends, whichever way.
 */
final class SocketConversation {
    private static final int READ_BYTES = 4096;

    /** How the step that started the conversation reads the answer. */
    interface Listener {
        /** Connected: an outcome if that is all the step wanted, else empty to go on. */
        default Optional<Outcome> connected() {
            return Optional.empty();
        }

        /** After each read: an outcome once the answer so far decides the run, else empty. */
        Optional<Outcome> received(Answer answer);

        /** The server closed the connection, or the answer reached its size limit, undecided. */
        Outcome ended(Answer answer);

        /** The deadline passed while waiting for (more of) the answer. */
        Outcome timedOut(Answer answer);
    }

    private final Attempt attempt;
    private final Endpoint endpoint;
    private final ByteBuffer request;
    private final Listener listener;
    private final Answer answer = new Answer();
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BYTES);

    private SocketConversation(Attempt attempt, Endpoint endpoint, byte[] request, Listener listener) {
        this.attempt = attempt;
        this.endpoint = endpoint;
        this.request = ByteBuffer.wrap(request);
        this.listener = listener;
    }

    /**
     * Starts the conversation; call on a probe thread (a host name is looked up here).
     *
     * @param request bytes to write once connected; none to only listen
     */
    static CompletableFuture<Outcome> start(Attempt attempt, AsynchronousChannelGroup group, Endpoint endpoint,
                                            byte[] request, Listener listener) {
        SocketConversation conversation = new SocketConversation(attempt, endpoint, request, listener);
        conversation.connect(group);
        return conversation.result;
    }

    private void connect(AsynchronousChannelGroup group) {
        attempt.ifTimedOut(() -> Outcome.error(attempt.timedOut("could not look up \"" + endpoint.host() + "\"")));
        InetSocketAddress address;
        try {
            address = endpoint.resolve();
        } catch (UnknownHostException e) {
            result.complete(endpoint.unknownHost());
            return;
        }
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            result.complete(Outcome.error("cannot open a socket: " + Endpoint.describe(e)));
            return;
        }
        attempt.closeAtEnd(channel);
        result.whenComplete((done, failure) -> Attempt.closeQuietly(channel));
        attempt.ifTimedOut(() -> Outcome.fail(attempt.timedOut("no connection to " + endpoint)));
        channel.connect(address, channel, new CompletionHandler<Void, AsynchronousSocketChannel>() {
            @Override
            public void completed(Void nothing, AsynchronousSocketChannel open) {
                connected(open);
            }

            @Override
            public void failed(Throwable failure, AsynchronousSocketChannel open) {
                if (!attempt.isOver()) {
                    result.complete(failure instanceof IOException io
                            ? endpoint.connectFailed(io)
                            : Outcome.error("cannot connect to " + endpoint + ": " + Endpoint.describe(failure)));
                }
            }
        });
    }

    private void connected(AsynchronousSocketChannel channel) {
        Optional<Outcome> enough = listener.connected();
        if (enough.isPresent()) {
            result.complete(enough.get());
            return;
        }
        attempt.ifTimedOut(() -> listener.timedOut(answer));
        if (request.hasRemaining()) {
            write(channel);
        } else {
            read(channel);
        }
    }

    private void write(AsynchronousSocketChannel channel) {
        channel.write(request, channel, new CompletionHandler<Integer, AsynchronousSocketChannel>() {
            @Override
            public void completed(Integer written, AsynchronousSocketChannel open) {
                if (request.hasRemaining()) {
                    write(open);
                } else {
                    read(open);
                }
            }

            @Override
            public void failed(Throwable failure, AsynchronousSocketChannel open) {
                broken("cannot send to", failure);
            }
        });
    }

    private void read(AsynchronousSocketChannel channel) {
        readBuffer.clear();
        channel.read(readBuffer, channel, new CompletionHandler<Integer, AsynchronousSocketChannel>() {
            @Override
            public void completed(Integer count, AsynchronousSocketChannel open) {
                received(open, count);
            }

            @Override
            public void failed(Throwable failure, AsynchronousSocketChannel open) {
                broken("connection broken by", failure);
            }
        });
    }

    private void received(AsynchronousSocketChannel channel, int count) {
        if (count < 0) {
            answer.close();
            result.complete(listener.ended(answer));
            return;
        }
        readBuffer.flip();
        answer.append(readBuffer);
        Optional<Outcome> decided = listener.received(answer);
        if (decided.isPresent()) {
            result.complete(decided.get());
        } else if (answer.isFull()) {
            result.complete(listener.ended(answer));
        } else {
            read(channel);
        }
    }

    /** A write or read failed: the server reset the connection, unless the deadline closed it. */
    private void broken(String what, Throwable failure) {
        if (!attempt.isOver() && !result.isDone()) {
            result.complete(Outcome.fail(what + " " + endpoint + " after " + attempt.elapsedMillis() + "ms: "
                    + Endpoint.describe(failure)));
        }
    }
}
