package io.respawn.probes;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.ProbeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.channels.AsynchronousChannelGroup;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs single probes, each once, with a hard timeout; the entry point of the probes.
 *
 * <p>A run never ties a thread to a component that does not answer. It starts on one of
 * {@code poolSize} probe threads, which do only the short blocking parts (looking up a host
 * name, starting a process, reading a command's output); sockets are asynchronous and
 * processes are awaited by the JDK, so a run that waits holds no thread. One timer thread
 * enforces every deadline: when a run's timeout passes, its socket is closed or its
 * process group killed, and its report is delivered then, whatever the run's own threads
 * are doing. Hanging probes therefore cannot delay the others, however many there are.
 *
 * <p>If no probe thread is free to start a run before its deadline (all of them stuck in a
 * host name lookup, say), the run is an ERROR: the probe could not run.
 */
public final class ProbeRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);
    /** Runs waiting for a probe thread, per thread; beyond that a run is refused as ERROR. */
    private static final int QUEUED_PER_THREAD = 256;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final int poolSize;
    private final InstantSource clock;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final AsynchronousChannelGroup sockets;
    private final Steps steps;
    private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
    private final SSLContext tls;
    private HttpClient tlsClient;

    /**
     * @param poolSize how many probe threads start runs; at least 1
     * @param clock    stamps each report's {@code startedAt}
     */
    public ProbeRunner(int poolSize, InstantSource clock) {
        this(poolSize, clock, defaultTls());
    }

    /** A runner whose HTTPS probes trust what {@code tls} trusts rather than the JVM's default trust store. */
    ProbeRunner(int poolSize, InstantSource clock, SSLContext tls) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("probes.poolSize - must be at least 1: " + poolSize);
        }
        this.poolSize = poolSize;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.workers = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(poolSize * QUEUED_PER_THREAD), threads("respawn-probe"));
        this.deadlines = new ScheduledThreadPoolExecutor(1, threads("respawn-probe-deadline"));
        this.deadlines.setRemoveOnCancelPolicy(true);
        try {
            this.sockets = AsynchronousChannelGroup.withFixedThreadPool(1, threads("respawn-probe-io"));
        } catch (IOException e) {
            workers.shutdownNow();
            deadlines.shutdownNow();
            throw new UncheckedIOException("probes - cannot create the socket channel group", e);
        }
        this.steps = new Steps(sockets, workers, new HttpOverTls(this::tlsClient));
        // load the C library now rather than inside the first exec probe's timeout
        Signals.available();
    }

    public int poolSize() {
        return poolSize;
    }

    /**
     * Starts one run of {@code spec} against {@code component}. The future completes by the
     * probe's timeout (plus the time to close what it opened); it never completes
     * exceptionally. Cancelling it abandons the run: its socket is closed, its process group
     * killed, and no report is made.
     */
    public CompletableFuture<ProbeReport> start(ComponentId component, ProbeSpec spec) {
        Instant startedAt = clock.instant();
        Attempt attempt = new Attempt(spec.timing().timeout(), System.nanoTime());
        running.add(attempt);
        attempt.closeAtEnd(() -> running.remove(attempt));
        attempt.ifTimedOut(() -> Outcome.error(attempt.timedOut("not started: all " + poolSize
                + " probe threads were busy")));
        CompletableFuture<ProbeReport> report = attempt.outcome().thenApply(outcome -> {
            ProbeReport done = new ProbeReport(component, spec.name(), outcome.status(), attempt.elapsed(),
                    outcome.detail(), startedAt);
            LOG.debug("probe ran report={}", done);
            return done;
        });
        report.whenComplete((done, failure) -> {
            if (report.isCancelled()) {
                attempt.end(Outcome.error("cancelled"));
            }
        });
        try {
            ScheduledFuture<?> deadline = deadlines.schedule(attempt::expire, attempt.timeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            attempt.closeAtEnd(() -> deadline.cancel(false));
            workers.execute(() -> begin(attempt, spec));
        } catch (RejectedExecutionException e) {
            attempt.end(Outcome.error(workers.isShutdown()
                    ? "not started: the probe runner is closed"
                    : "not started: " + workers.getQueue().size() + " runs already waiting for a probe thread"));
        }
        return report;
    }

    /** Runs {@code spec} once and waits for its report, which comes by the probe's timeout. */
    public ProbeReport run(ComponentId component, ProbeSpec spec) {
        return start(component, spec).join();
    }

    private void begin(Attempt attempt, ProbeSpec spec) {
        if (attempt.isOver()) {
            return;
        }
        try {
            steps.of(spec).start(attempt).whenComplete((outcome, failure) -> {
                if (failure == null) {
                    attempt.end(outcome);
                } else if (!attempt.isOver()) {
                    attempt.end(broken(spec, failure));
                }
            });
        } catch (RuntimeException e) {
            attempt.end(broken(spec, e));
        }
    }

    /** A step threw: a bug, reported as ERROR so no rule takes it for the component's failure. */
    private static Outcome broken(ProbeSpec spec, Throwable failure) {
        LOG.warn("probe step failed unexpectedly probe={}", spec.name(), failure);
        return Outcome.error("probe failed: " + Endpoint.describe(failure));
    }

    private synchronized HttpClient tlsClient() {
        if (tlsClient == null) {
            tlsClient = HttpOverTls.newClient(tls);
        }
        return tlsClient;
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("probes - the JVM has no default TLS context", e);
        }
    }

    /** Ends every run in flight (as ERROR, killing what it started) and stops the probe threads. */
    @Override
    public void close() {
        for (Attempt attempt : List.copyOf(running)) {
            attempt.end(Outcome.error("the probe runner closed"));
        }
        workers.shutdownNow();
        deadlines.shutdownNow();
        try {
            sockets.shutdownNow();
        } catch (IOException e) {
            LOG.warn("probe sockets did not close cleanly", e);
        }
        try {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            deadlines.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            sockets.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
