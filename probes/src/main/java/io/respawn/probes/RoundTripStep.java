package io.respawn.probes;

import io.respawn.facts.map.RoundTripProbe;
import io.respawn.facts.map.RoundTripRead;
import io.respawn.facts.map.RoundTripWrite;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes a fresh token through one step and reads it back through another, within one
 * deadline: it passes only when both steps pass, so the component is shown to work, not
 * just to listen. The read starts only after the write has passed.
 */
final class RoundTripStep implements Step {
    private final RoundTripProbe probe;
    private final Supplier<String> tokens;
    private final Function<RoundTripWrite, Step> writes;
    private final Function<RoundTripRead, Step> reads;
    private final Executor workers;

    RoundTripStep(RoundTripProbe probe, Supplier<String> tokens, Function<RoundTripWrite, Step> writes,
                  Function<RoundTripRead, Step> reads, Executor workers) {
        this.probe = probe;
        this.tokens = tokens;
        this.writes = writes;
        this.reads = reads;
        this.workers = workers;
    }

    @Override
    public CompletableFuture<Outcome> start(Attempt attempt) {
        String token = tokens.get();
        Step write = writes.apply(probe.write().withToken(token));
        Step read = reads.apply(probe.readBack().withToken(token));
        attempt.inStep("write");
        return write.start(attempt).thenComposeAsync(written -> {
            if (!written.passed()) {
                return CompletableFuture.completedFuture(written.in("write"));
            }
            if (attempt.isOver()) {
                return CompletableFuture.completedFuture(written);
            }
            attempt.inStep("read back");
            return read.start(attempt).thenApply(readBack -> readBack.passed()
                    ? Outcome.pass("wrote and read back token " + token + " in " + attempt.elapsedMillis() + "ms")
                    : readBack.in("read back"));
        }, workers);
    }
}
