package io.respawn.wire;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary frames of every kind, valid as their constructors check them. */
final class Frames {
    private Frames() {
    }

    static Arbitrary<Frame> any() {
        return Arbitraries.oneOf(hellos(), text().map(Challenge::new), text().map(Auth::new),
                Arbitraries.longs().greaterOrEqual(0).map(Welcome::new), batches(),
                Arbitraries.longs().greaterOrEqual(0).map(Ack::new), commands(), text().map(Refused::new));
    }

    /** Any text that is not blank, all of Unicode included. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
    }

    private static Arbitrary<Frame> hellos() {
        return Combinators.combine(Arbitraries.integers(), text(), text(), text()).as(Hello::new);
    }

    private static Arbitrary<Frame> commands() {
        return Combinators.combine(text(), Arbitraries.of(Command.Action.class), text(),
                Arbitraries.of(Command.StopMode.class)).as(Command::new);
    }

    private static Arbitrary<Frame> batches() {
        Arbitrary<SequencedFact> fact = Combinators.combine(Arbitraries.longs().greaterOrEqual(1), observations())
                .as(SequencedFact::new);
        return fact.list().ofMaxSize(8).map(FactBatch::new);
    }

    /** Batches of heartbeats only, with plain ids as agents make them or any text. */
    static Arbitrary<FactBatch> heartbeatBatches() {
        Arbitrary<String> id = Arbitraries.oneOf(text(),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30));
        Arbitrary<Observation> beat = Combinators.combine(id,
                        Arbitraries.longs().between(-100_000_000_000_000L, 400_000_000_000_000L).map(Instant::ofEpochMilli),
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(16).map(ComponentId::of),
                        Arbitraries.longs().between(1, 4_194_304), Arbitraries.of(HeartbeatStatus.class),
                        Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(true, false))
                .as((i, when, c, p, status, seq, observed) -> new Heartbeat(i, when, c, "n1:" + p, status, seq,
                        observed ? when.minusMillis(3) : null));
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE / 2), beat).as(SequencedFact::new)
                .list().ofMinSize(1).ofMaxSize(8).map(FactBatch::new);
    }

    private static Arbitrary<Observation> observations() {
        Arbitrary<ComponentId> component = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1)
                .ofMaxLength(16).map(ComponentId::of);
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Long> pid = Arbitraries.longs().between(1, 4_194_304);
        Arbitrary<Observation> beat = Combinators.combine(text(), at, component, pid,
                        Arbitraries.of(HeartbeatStatus.class), Arbitraries.longs().greaterOrEqual(0))
                .as((id, when, c, p, status, seq) -> new Heartbeat(id, when, c, "n1:" + p, status, seq, when));
        Arbitrary<Observation> exit = Combinators.combine(text(), at, component, pid,
                        Arbitraries.integers().between(0, 255), Arbitraries.of(true, false))
                .as((id, when, c, p, code, expected) -> new ProcessExited(id, when, c, "n1", p, code, null, expected,
                        null));
        Arbitrary<Observation> flood = Combinators.combine(text(), at, component.injectNull(0.3),
                        Arbitraries.longs().between(0, 3_600_000), Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.longs().between(0, 10_000), Arbitraries.of(true, false))
                .as((id, when, c, into, dropped, limit, ended) -> new HeartbeatFlood(id, when, "n1", "192.0.2.7", c,
                        when, when.plusMillis(into), when.plusMillis(into + 5_000), dropped, limit, ended));
        return Arbitraries.oneOf(beat, exit, flood);
    }
}
