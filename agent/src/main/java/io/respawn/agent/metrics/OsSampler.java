package io.respawn.agent.metrics;

import io.respawn.agent.process.RunningProcess;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Observation;
import io.respawn.facts.OsSample;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples every running component's main process with OSHI at a fixed interval and
 * reports an {@link OsSample}: resident memory, CPU, threads, open files.
 *
 * <p>CPU is the share of one core used between two samples of the same process (100 =
 * one core busy), so a process gets its first sample one interval after it is first
 * seen; windows shorter than a second read 0 here, hence the interval of at least one
 * second. A PID that no longer names the component's process (it ended, the PID was
 * reused) is not sampled. OSHI's {@link SystemInfo} takes most of a second to create:
 * it is made once, on the sampler's own thread.
 */
public final class OsSampler implements AutoCloseable {
    /** The shortest interval: a CPU window shorter than this reads 0. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Scheduling jitter tolerated in a window before it counts as too short. */
    private static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(950);
    private static final Logger LOG = LoggerFactory.getLogger(OsSampler.class);

    /** The last snapshot of a component's process, the start of the next CPU window. */
    private record Previous(long pid, OSProcess snapshot, long takenNanos) {
    }

    private final Supplier<List<RunningProcess>> targets;
    private final Duration interval;
    private final Consumer<Observation> sink;
    private final Supplier<String> ids;
    private final InstantSource clock;
    private final Map<ComponentId, Previous> previous = new HashMap<>();
    private final ScheduledExecutorService thread;
    private OperatingSystem os;

    /**
     * @param targets the processes to sample, asked anew at each tick
     * @param interval at least {@link #MIN_INTERVAL}
     */
    public OsSampler(Supplier<List<RunningProcess>> targets, Duration interval, Consumer<Observation> sink,
                     Supplier<String> ids, InstantSource clock) {
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("metrics.interval - must be at least 1s (shorter CPU windows read 0): "
                    + interval.toMillis() + "ms");
        }
        this.targets = targets;
        this.interval = interval;
        this.sink = sink;
        this.ids = ids;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "respawn-os-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling: now, then every interval. */
    public void start() {
        thread.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("os sampler started: intervalMs={}", interval.toMillis());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void tick() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            LOG.warn("os sampling failed, will try again: intervalMs={}", interval.toMillis(), e);
        }
    }

    /** Samples every target once; package-private for tests. */
    void sampleOnce() {
        if (os == null) {
            os = new SystemInfo().getOperatingSystem();
        }
        Set<ComponentId> seen = new HashSet<>();
        for (RunningProcess process : targets.get()) {
            seen.add(process.component());
            sample(process);
        }
        previous.keySet().retainAll(seen);
    }

    private void sample(RunningProcess process) {
        OSProcess now = os.getProcess(Math.toIntExact(process.pid()));
        long takenNanos = System.nanoTime();
        if (now == null || !process.isCurrent()) {
            previous.remove(process.component());
            return;
        }
        Previous before = previous.put(process.component(), new Previous(process.pid(), now, takenNanos));
        if (before == null || before.pid() != process.pid() || takenNanos - before.takenNanos() < MIN_WINDOW_NANOS) {
            return;
        }
        double cpuPercent = Math.max(0, now.getProcessCpuLoadBetweenTicks(before.snapshot()) * 100);
        Instant at = clock.instant();
        OsSample sample = new OsSample(ids.get(), at, process.component(), process.pid(),
                Math.max(0, now.getResidentSetSize()), cpuPercent, Math.max(0, now.getThreadCount()),
                (int) Math.max(0, now.getOpenFiles()), at);
        LOG.debug("os sample: component={} pid={} rssBytes={} cpuPercent={} threads={} openFiles={}",
                sample.component(), sample.pid(), sample.rssBytes(), sample.cpuPercent(), sample.threads(),
                sample.openFiles());
        try {
            sink.accept(sample);
        } catch (RuntimeException e) {
            LOG.error("sink refused an os sample, it is lost: id={}", sample.id(), e);
        }
    }
}
