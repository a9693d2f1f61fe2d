package io.respawn.probes;

import java.util.concurrent.CompletableFuture;

/** An HTTP request and the answer it must get: plain HTTP on a fresh socket, HTTPS through the JDK's client. */
final class HttpStep implements Step {
    private final HttpCall call;
    private final HttpOverSocket plain;
    private final HttpOverTls tls;

    HttpStep(HttpCall call, HttpOverSocket plain, HttpOverTls tls) {
        this.call = call;
        this.plain = plain;
        this.tls = tls;
    }

    @Override
    public CompletableFuture<Outcome> start(Attempt attempt) {
        return call.isTls() ? tls.start(attempt, call) : plain.start(attempt, call);
    }
}
