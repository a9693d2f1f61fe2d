package io.respawn.probes.schedule;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.probes.ProbeReport;
import io.respawn.probes.ProbeRunner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each scheduled probe every {@code interval}, after its {@code initialDelay}, each
 * run shifted by a random jitter in {@code [0, jitter]}, and hands every report to a sink.
 *
 * <p>The agent schedules a component's probes after it starts the component, and cancels
 * them before it stops or restarts it. Runs go to a {@link ProbeRunner}, whose hard
 * timeouts keep a hanging probe from delaying the others; a run still in flight when the
 * next run of the same probe is due makes that next run skipped and counted
 * ({@link #skippedOverlaps()}). Counting failures in a row is not done here: that is the
 * rules' business.
 *
 * <p>The sink is called on a probe thread and must not block (hand the report to a queue).
 * One ticker thread starts the runs.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final ProbeRunner runner;
    private final Runnable closeRunner;
    private final Consumer<ProbeReport> sink;
    private final RandomGenerator random;
    private final ScheduledThreadPoolExecutor ticker;
    private final Map<ComponentId, Map<String, ScheduledProbe>> scheduled = new ConcurrentHashMap<>();
    private final LongAdder runs = new LongAdder();
    private final LongAdder skippedOverlaps = new LongAdder();

    /**
     * A scheduler with a runner of its own, closed with it.
     *
     * @param poolSize how many probe threads start runs (see {@link ProbeRunner})
     * @param clock    stamps each report's {@code startedAt}
     * @param sink     receives every report; must not block
     */
    public ProbeScheduler(int poolSize, InstantSource clock, Consumer<ProbeReport> sink) {
        this(new ProbeRunner(poolSize, clock), Ownership.OWNED, sink, RandomGenerator.getDefault());
    }

    /** A scheduler on a runner shared with other users; closing the scheduler leaves the runner open. */
    public ProbeScheduler(ProbeRunner runner, Consumer<ProbeReport> sink) {
        this(runner, Ownership.SHARED, sink, RandomGenerator.getDefault());
    }

    /** Whether closing the scheduler closes its runner. */
    enum Ownership { OWNED, SHARED }

    ProbeScheduler(ProbeRunner runner, Ownership ownership, Consumer<ProbeReport> sink, RandomGenerator random) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.closeRunner = ownership == Ownership.OWNED ? runner::close : () -> { };
        this.sink = Objects.requireNonNull(sink, "sink");
        this.random = Objects.requireNonNull(random, "random");
        this.ticker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "respawn-probe-ticker");
            thread.setDaemon(true);
            return thread;
        });
        this.ticker.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts running {@code spec} against {@code component}: first after its initial delay,
     * then every interval. Scheduling a probe the component already has (same name) replaces it.
     */
    public void schedule(ComponentId component, ProbeSpec spec) {
        if (ticker.isShutdown()) {
            throw new IllegalStateException("probe scheduler - closed: cannot schedule " + component + "/"
                    + spec.name());
        }
        ScheduledProbe probe = new ScheduledProbe(component, spec, this, System.nanoTime());
        ScheduledProbe replaced = scheduled.computeIfAbsent(component, c -> new ConcurrentHashMap<>())
                .put(spec.name(), probe);
        if (replaced != null) {
            replaced.cancel();
        }
        probe.start();
        LOG.debug("probe scheduled component={} probe={} timing={}", component, spec.name(), spec.timing());
    }

    /** Stops every probe of {@code component}; a run in flight is abandoned and reports nothing. */
    public void cancel(ComponentId component) {
        Map<String, ScheduledProbe> probes = scheduled.remove(component);
        if (probes != null) {
            probes.values().forEach(ScheduledProbe::cancel);
            LOG.debug("probes cancelled component={} probes={}", component, probes.keySet());
        }
    }

    /** Names of the probes scheduled for {@code component}. */
    public List<String> scheduled(ComponentId component) {
        return List.copyOf(scheduled.getOrDefault(component, Map.of()).keySet());
    }

    /** Runs started since the scheduler was made. */
    public long runs() {
        return runs.sum();
    }

    /** Runs not started because the previous run of the same probe was still in flight. */
    public long skippedOverlaps() {
        return skippedOverlaps.sum();
    }

    /** Cancels every probe, stops the ticker, and closes the runner if the scheduler made it. */
    @Override
    public void close() {
        List.copyOf(scheduled.keySet()).forEach(this::cancel);
        ticker.shutdownNow();
        closeRunner.run();
    }

    ProbeRunner runner() {
        return runner;
    }

    ScheduledExecutorService ticker() {
        return ticker;
    }

    long jitterNanos(Duration jitter) {
        return jitter.isZero() ? 0 : random.nextLong(jitter.toNanos() + 1);
    }

    void ran() {
        runs.increment();
    }

    void skipped() {
        skippedOverlaps.increment();
    }

    void deliver(ProbeReport report) {
        try {
            sink.accept(report);
        } catch (RuntimeException e) {
            LOG.warn("probe report sink failed; report dropped report={}", report, e);
        }
    }
}
