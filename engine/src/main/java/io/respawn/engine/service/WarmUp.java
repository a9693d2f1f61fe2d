package io.respawn.engine.service;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.simulate.Simulation;
import io.respawn.engine.simulate.SimulationSpec;
import io.respawn.engine.simulate.SpecReader;
import io.respawn.facts.Observation;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.FactBatch;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.SequencedFact;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rehearsal before the engine takes its first fact: a small room (the {@code warmup}
 * resources) crashes, hangs and needs its group restarted in simulated time, through a
 * private rule session built from the engine's own rules, and every fact it makes goes
 * through the journal's and the wire's JSON both ways.
 *
 * <p>Why: a real failure is rare, so the code that handles one (the rule network's
 * joins, the consequences, the codecs of those fact types) would otherwise run
 * interpreted by the JVM on every failure for the engine's whole life. Measured here
 * on a crash decision: about 6 ms cold, under 1 ms once the JVM has compiled that code
 * (docs/BENCHMARKS.md). Nothing of the rehearsal is journaled or sent; its session is
 * dropped. Rules that cannot run the rehearsal (a rule set written for other facts)
 * only end it early, with a note in the log.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final String MAP = "warmup/map.yaml";
    private static final String SPEC = "warmup/spec.yaml";
    /**
     * A recovery that fired the rules this many times has rehearsed: about one round of the
     * rehearsal, which fires the default rules 284 times (22 decisions). A 1 s rehearsal in a
     * young JVM runs one round (measured here: the first takes about 1.1 s, each later one
     * 0.1-0.2 s).
     */
    public static final int RECOVERY_REHEARSES = 300;
    /**
     * A journal with this much to recover is recovered before the rehearsal. Measured here:
     * with the fault-injection suite's journals (well under this) rehearsing first starts
     * the engine about 0.6 s sooner; with journals of a million facts (13-17 MB to recover)
     * recovering first resumes it 0.1-0.7 s sooner. The value between is a choice, not a
     * measured crossing.
     */
    public static final long LARGE_RECOVERY_BYTES = 4L << 20;
    private static final Done NONE = new Done(0, 0, Duration.ZERO);

    /** What a warm-up did. */
    public record Done(int rounds, long facts, Duration took) {
    }

    private WarmUp() {
    }

    /**
     * Rehearses before a recovery of {@code bytesToRecover} bytes of journal, unless that is
     * {@link #LARGE_RECOVERY_BYTES} or more: a large recovery runs first, and
     * {@link #afterRecovery} decides whether it rehearsed enough.
     */
    public static Done beforeRecovery(RuleBase rules, Duration budget, long bytesToRecover) {
        if (bytesToRecover >= LARGE_RECOVERY_BYTES && !off(budget)) {
            LOG.info("warm-up after the recovery, if at all: the journal holds {} MB to recover",
                    bytesToRecover >> 20);
            return NONE;
        }
        return run(rules, budget);
    }

    /**
     * After a large recovery (see {@link #beforeRecovery}), rehearses unless the recovery
     * fired the rules at least {@link #RECOVERY_REHEARSES} times: then it ran the code a
     * rehearsal would run, on the engine's own map and facts, and a second pass would only
     * delay the first live fact (docs/BENCHMARKS.md#recovery-time). After a small recovery
     * it does nothing: the rehearsal came first.
     */
    public static Done afterRecovery(RuleBase rules, Duration budget, long bytesToRecover, long firingsInRecovery) {
        if (bytesToRecover < LARGE_RECOVERY_BYTES || off(budget)) {
            return NONE;
        }
        if (firingsInRecovery >= RECOVERY_REHEARSES) {
            LOG.info("warm-up skipped: the journal's recovery fired the rules {} times, which ran the code it"
                    + " rehearses", firingsInRecovery);
            return NONE;
        }
        return run(rules, budget);
    }

    /**
     * Repeats the rehearsal until {@code budget} has passed (at least once unless the
     * budget is zero).
     */
    public static Done run(RuleBase rules, Duration budget) {
        if (off(budget)) {
            return NONE;
        }
        long began = System.nanoTime();
        long deadline = began + budget.toNanos();
        String mapYaml = resource(MAP);
        long[] facts = {0};
        int rounds = 0;
        try {
            RestartMap map = RestartMap.parse(mapYaml, MAP);
            SimulationSpec spec = SpecReader.parse(resource(SPEC), SPEC, map);
            Consumer<Observation> codecs = fact -> {
                facts[0]++;
                roundTrip(fact);
            };
            do {
                Simulation.run(rules, mapYaml, MAP, spec, codecs);
                rounds++;
            } while (System.nanoTime() < deadline);
        } catch (Exception | LinkageError e) {
            LOG.info("warm-up ended early after {} rounds (the rules in force do not run the rehearsal): {}",
                    rounds, e.toString());
        }
        Done done = new Done(rounds, facts[0], Duration.ofNanos(System.nanoTime() - began));
        LOG.info("warm-up done rounds={} facts={} took_ms={}", done.rounds(), done.facts(), done.took().toMillis());
        return done;
    }

    /** {@code --warm-up 0s}: no rehearsal at all. */
    private static boolean off(Duration budget) {
        return budget.isZero() || budget.isNegative();
    }

    /** The fact as the journal writes and reads it, and as an agent's frame carries it. */
    private static void roundTrip(Observation fact) {
        String line = FactLogWriter.line(fact);
        FactLogReader reader = FactLogReader.of(
                new BufferedReader(new StringReader(FactLogWriter.HEADER + "\n" + line + "\n")), "warm-up");
        Observation read = reader.next().fact();
        FrameCodec.decode(FrameCodec.encode(new FactBatch(List.of(new SequencedFact(1, read)))));
    }

    private static String resource(String name) {
        try (InputStream in = WarmUp.class.getResourceAsStream("/io/respawn/engine/" + name)) {
            if (in == null) {
                throw new IllegalStateException("engine - missing resource io/respawn/engine/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
