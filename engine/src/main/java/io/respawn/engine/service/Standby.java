package io.respawn.engine.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a standby engine does before it waits for the journal's engine to stop: it
 * rehearses failures ({@link WarmUp}), then the recovery it will make, by reading the
 * journal as it stands through the code a start recovers with, into a throwaway service
 * (its own rule session, outbox and observer), again and again until two rounds in a row
 * are no faster than the fastest before them (the JIT has compiled what it will); then it
 * opens and closes a gateway on a free loopback port, as the take-over will open its own.
 * A fresh JVM runs that code interpreted, and compiling it is most of what a cold recovery
 * costs on a small machine (docs/BENCHMARKS.md#recovery-time); the standby pays it while
 * the engine it stands by for still runs. Nothing is written or sent; the rehearsal's
 * services are dropped.
 */
public final class Standby {
    private static final Logger LOG = LoggerFactory.getLogger(Standby.class);
    /** The most rounds of the journal's recovery. */
    static final int MAX_ROUNDS = 10;
    /** A round counts as faster when it takes less than this share of the fastest before it. */
    static final double FASTER = 0.9;
    /** Rounds in a row that are not faster, after which the rehearsal ends. */
    static final int PATIENCE = 2;

    /** What a standby rehearsed: the failure rehearsal, then rounds of the journal's recovery. */
    public record Rehearsed(WarmUp.Done warmUp, int rounds, long facts, Duration first, Duration last,
                            Duration took) {
    }

    private Standby() {
    }

    /**
     * Rehearses for a take-over with {@code settings} (its rules, journal and warm-up), each
     * round with the observer {@code observers} gives (a new one, or null for none), as the
     * engine will have: see the class comment.
     */
    public static Rehearsed rehearse(EngineService.Settings settings, Supplier<EngineService.Observer> observers) {
        long began = System.nanoTime();
        Path journal = settings.journal();
        WarmUp.Done done = WarmUp.run(settings.rules(), settings.warmUp());
        int rounds = 0;
        int stale = 0;
        long facts = 0;
        long first = 0;
        long last = 0;
        long fastest = Long.MAX_VALUE;
        if (!Files.exists(journal)) {
            LOG.info("standby: no journal at {} yet, so no recovery to rehearse", journal);
        }
        while (Files.exists(journal) && rounds < MAX_ROUNDS && stale < PATIENCE) {
            long start = System.nanoTime();
            try {
                facts = EngineService.rehearseRecovery(settings, observers.get());
            } catch (RuntimeException e) {
                LOG.info("standby: the rehearsal of the journal's recovery ended after {} rounds: {}", rounds,
                        e.toString());
                break;
            }
            last = System.nanoTime() - start;
            rounds++;
            LOG.info("standby: recovery rehearsed round={} facts={} took_ms={}", rounds, facts, last / 1_000_000);
            first = rounds == 1 ? last : first;
            stale = last < fastest * FASTER ? 0 : stale + 1;
            fastest = Math.min(fastest, last);
        }
        try {
            EngineService.rehearseGateway(settings);
        } catch (RuntimeException e) {
            LOG.info("standby: the rehearsal of the agents' port failed: {}", e.toString());
        }
        return new Rehearsed(done, rounds, facts, Duration.ofNanos(first), Duration.ofNanos(last),
                Duration.ofNanos(System.nanoTime() - began));
    }
}
