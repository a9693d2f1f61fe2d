package io.respawn.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * HTTPS through the JDK's HttpClient, which verifies the server's certificate against the
 * JVM's trust store. A TLS handshake that fails (an untrusted or expired certificate, no
 * common protocol) is ERROR: restarting the component does not mend a certificate.
 *
 * <p>Unlike plain HTTP, the client keeps a connection to each host open between runs and
 * reuses it, as the JDK's client does not let a request ask for {@code Connection: close}.
 * The client cannot be closed on Java 17: its thread and connections end once the runner
 * that made it is garbage collected.
 */
final class HttpOverTls {
    private final Supplier<HttpClient> client;

    HttpOverTls(Supplier<HttpClient> client) {
        this.client = client;
    }

    static HttpClient newClient(SSLContext tls) {
        return HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    CompletableFuture<Outcome> start(Attempt attempt, HttpCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(attempt.remaining().plusMillis(1))
                .header("User-Agent", "respawn-probe");
        if (call.method() == HttpCall.Method.PUT) {
            request.header("Content-Type", "text/plain; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        attempt.ifTimedOut(() -> Outcome.fail(attempt.timedOut(call.method() + " " + call.uri() + " - no answer")));
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.get().sendAsync(request.build(), answer -> new LimitedBody());
        attempt.closeAtEnd(() -> sent.cancel(true));
        return sent.handle((answer, failure) -> failure == null
                ? call.judge(answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8),
                        attempt.elapsedMillis())
                : failed(attempt, call, failure instanceof CompletionException ? failure.getCause() : failure));
    }

    private static Outcome failed(Attempt attempt, HttpCall call, Throwable failure) {
        String subject = call.method() + " " + call.uri() + " - ";
        if (failure instanceof HttpConnectTimeoutException) {
            return Outcome.fail(attempt.timedOut(subject + "no connection"));
        }
        if (failure instanceof HttpTimeoutException) {
            return Outcome.fail(attempt.timedOut(subject + "no answer"));
        }
        if (hasCause(failure, UnresolvedAddressException.class)) {
            return call.endpoint().unknownHost();
        }
        if (hasCause(failure, SSLException.class)) {
            return Outcome.error(subject + "TLS handshake failed: " + Endpoint.describe(rootCause(failure)));
        }
        if (failure instanceof ConnectException connect) {
            return call.endpoint().connectFailed(connect.getCause() instanceof IOException cause ? cause : connect);
        }
        if (failure instanceof IOException) {
            return Outcome.fail(subject + "connection broken after " + attempt.elapsedMillis() + "ms: "
                    + Endpoint.describe(failure));
        }
        return Outcome.error(subject + "cannot send: " + Endpoint.describe(failure));
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** Keeps at most {@link Answer#LIMIT_BYTES} of a body and stops reading there. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                byte[] bytes = new byte[Math.min(item.remaining(), Answer.LIMIT_BYTES - kept.size())];
                item.get(bytes);
                kept.writeBytes(bytes);
            }
            if (kept.size() >= Answer.LIMIT_BYTES) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return body;
        }
    }
}
