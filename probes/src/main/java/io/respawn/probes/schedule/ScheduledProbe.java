package io.respawn.probes.schedule;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.probes.ProbeReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe of one component on its timeline: run {@code k} is due at
 * {@code origin + initialDelay + k * interval}, plus a fresh random jitter. A run still in
 * flight when the next is due makes that next run skipped (and counted), never queued
 * behind it. If the ticker falls behind by whole intervals, the runs it missed are dropped
 * rather than made up in a burst.
 */
final class ScheduledProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledProbe.class);

    private final ComponentId component;
    private final ProbeSpec spec;
    private final ProbeScheduler scheduler;
    private final long originNanos;
    private final long intervalNanos;
    private long slot;
    private long slotJitterNanos;
    private ScheduledFuture<?> next;
    private CompletableFuture<ProbeReport> inFlight;
    private boolean cancelled;

    ScheduledProbe(ComponentId component, ProbeSpec spec, ProbeScheduler scheduler, long nowNanos) {
        this.component = component;
        this.spec = spec;
        this.scheduler = scheduler;
        this.originNanos = nowNanos + spec.timing().initialDelay().toNanos();
        this.intervalNanos = spec.timing().interval().toNanos();
    }

    String name() {
        return spec.name();
    }

    synchronized void start() {
        plan(0);
    }

    /** Stops the timeline and abandons a run in flight: its socket closed, its processes killed, no report. */
    synchronized void cancel() {
        cancelled = true;
        if (next != null) {
            next.cancel(false);
        }
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    private void plan(long run) {
        slot = run;
        slotJitterNanos = scheduler.jitterNanos(spec.timing().jitter());
        long due = originNanos + run * intervalNanos + slotJitterNanos;
        next = scheduler.ticker().schedule(this::due, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void due() {
        CompletableFuture<ProbeReport> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            long lateNanos = System.nanoTime() - (originNanos + slot * intervalNanos + slotJitterNanos);
            long missed = Math.max(0, lateNanos / intervalNanos);
            plan(slot + 1 + missed);
            if (inFlight != null) {
                scheduler.skipped();
                LOG.debug("probe run skipped: the previous run is still in flight component={} probe={}",
                        component, spec.name());
                return;
            }
            scheduler.ran();
            run = scheduler.runner().start(component, spec);
            inFlight = run;
        }
        run.whenComplete((report, failure) -> finished(run, report));
    }

    private void finished(CompletableFuture<ProbeReport> run, ProbeReport report) {
        synchronized (this) {
            if (inFlight == run) {
                inFlight = null;
            }
            if (cancelled || report == null) {
                return;
            }
        }
        scheduler.deliver(report);
    }
}
