package io.respawn.probes;

import java.io.ByteArrayOutputStream;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP over a fresh connection per run, asking the server to close it after the
 * answer ({@code Connection: close}). A new connection each time proves the server still
 * accepts connections, and leaves nothing open between runs.
 */
final class HttpOverSocket {
    private final AsynchronousChannelGroup group;

    HttpOverSocket(AsynchronousChannelGroup group) {
        this.group = group;
    }

    CompletableFuture<Outcome> start(Attempt attempt, HttpCall call) {
        Endpoint endpoint = call.endpoint();
        return SocketConversation.start(attempt, group, endpoint, request(call), new SocketConversation.Listener() {
            @Override
            public Optional<Outcome> received(Answer answer) {
                HttpResponseParser.Parsed parsed = HttpResponseParser.parse(answer.bytes(), false, false);
                return parsed instanceof HttpResponseParser.Incomplete ? Optional.empty() : Optional.of(judge(parsed));
            }

            @Override
            public Outcome ended(Answer answer) {
                return judge(HttpResponseParser.parse(answer.bytes(), answer.isClosed(), answer.isFull()));
            }

            @Override
            public Outcome timedOut(Answer answer) {
                return answer.isEmpty()
                        ? Outcome.fail(attempt.timedOut(call.method() + " " + call.uri() + " - no answer"))
                        : Outcome.fail(attempt.timedOut(call.method() + " " + call.uri() + " - incomplete answer "
                                + Evidence.quote(answer.text())));
            }

            private Outcome judge(HttpResponseParser.Parsed parsed) {
                if (parsed instanceof HttpResponseParser.Complete complete) {
                    return call.judge(complete.status(), complete.body(), attempt.elapsedMillis());
                }
                if (parsed instanceof HttpResponseParser.Malformed malformed) {
                    return Outcome.fail(call.method() + " " + call.uri() + " - " + malformed.why());
                }
                return Outcome.fail(call.method() + " " + call.uri() + " - incomplete answer");
            }
        });
    }

    static byte[] request(HttpCall call) {
        String target = call.uri().getRawPath() == null || call.uri().getRawPath().isEmpty()
                ? "/" : call.uri().getRawPath();
        if (call.uri().getRawQuery() != null) {
            target += "?" + call.uri().getRawQuery();
        }
        Endpoint endpoint = call.endpoint();
        StringBuilder head = new StringBuilder()
                .append(call.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint).append("\r\n")
                .append("User-Agent: respawn-probe\r\n")
                .append("Accept: */*\r\n")
                .append("Connection: close\r\n");
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        if (call.method() == HttpCall.Method.PUT) {
            head.append("Content-Type: text/plain; charset=utf-8\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body);
        return request.toByteArray();
    }
}
