package io.respawn.engine.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which position of the journal is on disk, the actions waiting for a position, and (for
 * {@code group} and {@code interval}) the syncer thread that forces the file. Group commit:
 * the syncer takes the position written so far, forces once, and everything written up to
 * that position is durable; writes made during the fsync wait for the next one, which
 * starts as soon as this one ends.
 */
final class Durability {
    /** One fsync of the live segment. */
    @FunctionalInterface
    interface Force {
        void force() throws IOException;
    }

    private record Waiter(long position, long order, Runnable action) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

    private final String name;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>(
            (a, b) -> a.position() != b.position() ? Long.compare(a.position(), b.position())
                    : Long.compare(a.order(), b.order()));
    private FsyncPolicy policy = FsyncPolicy.ALWAYS;
    private Force force;
    private Thread syncer;
    private long written;
    private long durable;
    private long order;
    private boolean stopping;
    private volatile IOException failure;

    Durability(String name) {
        this.name = name;
    }

    synchronized void start(FsyncPolicy policy, Force force) {
        this.policy = policy;
        this.force = force;
        if (policy.kind() == FsyncPolicy.Kind.GROUP || policy.kind() == FsyncPolicy.Kind.INTERVAL) {
            syncer = new Thread(this::sync, "respawn-journal-sync");
            syncer.setDaemon(true);
            syncer.start();
        }
    }

    IOException failure() {
        return failure;
    }

    /** Throws if the journal has failed. */
    void check() {
        IOException e = failure;
        if (e != null) {
            throw new JournalFailedException(name + " - journal stopped after an earlier error; no fact is accepted ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The writer has written up to {@code position}. */
    void written(long position) {
        synchronized (this) {
            written = position;
            if (syncer != null) {
                notifyAll();
                return;
            }
        }
        durable(position);                                    // always: forced already; never: not forced at all
    }

    /** Everything up to {@code position} is on disk: runs the actions waiting for it on this thread. */
    void durable(long position) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            if (failure != null) {
                return;
            }
            durable = Math.max(durable, position);
            while (!waiters.isEmpty() && waiters.peek().position() <= durable) {
                due.add(waiters.poll().action());
            }
            notifyAll();
        }
        run(due);
    }

    void onDurable(long position, Runnable action) {
        synchronized (this) {
            if (failure != null) {
                return;                                       // never durable: the action (an ack) must not run
            }
            if (position > durable) {
                waiters.add(new Waiter(position, order++, action));
                return;
            }
        }
        run(List.of(action));
    }

    /** Waits until {@code position} is durable. */
    void await(long position) {
        synchronized (this) {
            while (durable < position && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JournalFailedException(name + " - interrupted while waiting for an fsync",
                            new IOException("interrupted", e));
                }
            }
        }
        check();
    }

    /** Records the failure (once, loudly) and returns the exception for the writer to throw. */
    JournalFailedException fail(IOException e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
                LOG.error("journal stopped: no fact is accepted or acknowledged from now on; what was written"
                        + " before is intact. Free space or fix the disk, then restart the engine. file={} error={}",
                        name, e.getMessage(), e);
                waiters.clear();
            }
            notifyAll();
        }
        return new JournalFailedException(e.getMessage(), e);
    }

    void stop() {
        Thread thread;
        synchronized (this) {
            stopping = true;
            notifyAll();
            thread = syncer;
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sync() {
        while (true) {
            long target;
            synchronized (this) {
                while (!stopping && failure == null && written <= durable) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (failure != null || (stopping && written <= durable)) {
                    return;
                }
                target = written;
            }
            try {
                force.force();
            } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
                return;
            }
            durable(target);
            if (policy.kind() == FsyncPolicy.Kind.INTERVAL && !stopping) {
                try {
                    Thread.sleep(policy.interval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("journal - an action waiting for durability failed; going on file={}", name, e);
            }
        }
    }
}
