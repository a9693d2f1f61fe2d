package io.respawn.probes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one probe: its deadline, what to close when it ends, and what it comes to
 * if the deadline passes first.
 *
 * <p>The deadline is enforced by the runner's timer thread, never by a thread doing the
 * work: {@link #expire()} ends the attempt with the outcome the running step left for that
 * case ({@link #ifTimedOut}), and ending closes everything registered with
 * {@link #closeAtEnd} — sockets closed, process groups killed — newest first. An attempt
 * ends once; later outcomes are ignored.
 */
final class Attempt {
    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Duration timeout;
    private final long startNanos;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private volatile Supplier<Outcome> ifTimedOut;
    private volatile String step = "";
    private boolean closed;

    Attempt(Duration timeout, long startNanos) {
        this.timeout = timeout;
        this.startNanos = startNanos;
        this.ifTimedOut = () -> Outcome.fail(timedOut("no answer"));
        outcome.whenComplete((done, failure) -> closeAll());
    }

    /** Completes once, with the first of: the step's outcome, the deadline's, a cancellation. */
    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    Duration timeout() {
        return timeout;
    }

    boolean isOver() {
        return outcome.isDone();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    long elapsedMillis() {
        return elapsed().toMillis();
    }

    /** Time left before the deadline, never negative. */
    Duration remaining() {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Ends the attempt with {@code result}, unless it has already ended. */
    void end(Outcome result) {
        outcome.complete(result);
    }

    /** The deadline has passed: ends the attempt with what the current step says that means. */
    void expire() {
        Outcome result;
        try {
            result = ifTimedOut.get();
        } catch (RuntimeException e) {
            LOG.warn("probe timeout outcome failed; reporting a plain timeout", e);
            result = Outcome.fail(timedOut("no answer"));
        }
        outcome.complete(result.in(step));
    }

    /** What the attempt comes to if the deadline passes while the current step waits. */
    void ifTimedOut(Supplier<Outcome> result) {
        this.ifTimedOut = result;
    }

    /** Names the step now running ({@code "write"}, {@code "read back"}); a timeout's detail starts with it. */
    void inStep(String name) {
        this.step = name;
    }

    /** {@code what} with the time waited and the limit: {@code "no answer after 201ms (timeout 200ms)"}. */
    String timedOut(String what) {
        return what + " after " + elapsedMillis() + "ms (timeout " + timeout.toMillis() + "ms)";
    }

    /**
     * Closes {@code resource} when the attempt ends (at once if it already has), so nothing a
     * step opened outlives the deadline.
     */
    <T extends AutoCloseable> T closeAtEnd(T resource) {
        boolean now;
        synchronized (toClose) {
            now = closed;
            if (!now) {
                toClose.push(resource);
            }
        }
        if (now) {
            closeQuietly(resource);
        }
        return resource;
    }

    private void closeAll() {
        synchronized (toClose) {
            closed = true;
        }
        // no registration can happen now; drain without the lock so a slow close blocks nobody else
        AutoCloseable next;
        while ((next = toClose.poll()) != null) {
            closeQuietly(next);
        }
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("probe resource did not close cleanly resource={}", resource, e);
        }
    }
}
