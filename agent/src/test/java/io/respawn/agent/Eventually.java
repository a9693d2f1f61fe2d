package io.respawn.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking every few milliseconds; never a fixed sleep. */
public final class Eventually {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} when {@code limit} passes first. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        awaitValue(what, limit, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Returns the first value {@code probe} yields; fails with {@code what} when {@code limit} passes first. */
    public static <T> T awaitValue(String what, Duration limit, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " - not within " + limit.toMillis() + "ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
