package io.respawn.probes;

import io.respawn.facts.map.SendExpect;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connects, writes the text and a newline (nothing when the text is empty), and passes as
 * soon as the expected pattern is found in what the server has answered. It fails when the
 * server closes first, sends more than {@link Answer#LIMIT_BYTES} without a match, or the
 * deadline passes — a wrong answer on a connection the server keeps open is only judged at
 * the deadline, since the right one may still follow.
 */
final class SendExpectStep implements Step {
    private final SendExpect exchange;
    private final AsynchronousChannelGroup group;

    SendExpectStep(SendExpect exchange, AsynchronousChannelGroup group) {
        this.exchange = exchange;
        this.group = group;
    }

    @Override
    public CompletableFuture<Outcome> start(Attempt attempt) {
        Endpoint endpoint = new Endpoint(exchange.host(), exchange.port());
        Pattern expected = exchange.expectPattern();
        String wanted = "expected " + Evidence.regex(exchange.expect());
        byte[] request = exchange.send().isEmpty()
                ? new byte[0]
                : (exchange.send() + "\n").getBytes(StandardCharsets.UTF_8);
        return SocketConversation.start(attempt, group, endpoint, request, new SocketConversation.Listener() {
            @Override
            public Optional<Outcome> received(Answer answer) {
                Matcher match = expected.matcher(answer.text());
                return match.find()
                        ? Optional.of(Outcome.pass("got " + Evidence.quote(match.group()) + " after "
                                + attempt.elapsedMillis() + "ms"))
                        : Optional.empty();
            }

            @Override
            public Outcome ended(Answer answer) {
                if (answer.isFull()) {
                    return Outcome.fail(wanted + ", no match in the first " + Answer.LIMIT_BYTES + " bytes");
                }
                return Outcome.fail(wanted + " got " + (answer.isEmpty() ? "nothing" : Evidence.quote(answer.text()))
                        + " before " + endpoint + " closed the connection after " + attempt.elapsedMillis() + "ms");
            }

            @Override
            public Outcome timedOut(Answer answer) {
                return answer.isEmpty()
                        ? Outcome.fail(attempt.timedOut("no answer from " + endpoint))
                        : Outcome.fail(attempt.timedOut(wanted + " got " + Evidence.quote(answer.text())));
            }
        });
    }
}
