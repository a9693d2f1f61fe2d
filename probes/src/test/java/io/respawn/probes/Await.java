package io.respawn.probes;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking every few milliseconds; never a fixed sleep. */
public final class Await {
    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " - not true within " + limit.toMillis() + "ms");
            }
            pause();
        }
    }

    /** Waits until {@code ok} holds for {@code value} and returns it; on failure says what was seen last. */
    public static <T> T value(String what, Duration limit, Supplier<T> value, Predicate<T> ok) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = value.get();
        while (!ok.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " - not true within " + limit.toMillis() + "ms; last seen: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
