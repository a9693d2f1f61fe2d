package io.respawn.facts.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the fact-log codec: whatever facts are written read back equal, and
 * whatever line a log holds, reading it gives a fact, a skip, or a {@link FactLogException}
 * naming that line — never another exception.
 */
class FactLogProperties {
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    @Property(tries = 100)
    void writtenFacts_readBackEqual(@ForAll("factLists") List<Observation> drawn) {
        List<Observation> facts = inLogOrder(drawn);
        StringWriter text = new StringWriter();
        try (FactLogWriter writer = new FactLogWriter(text)) {
            facts.forEach(writer::append);
        }

        List<Observation> read = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(text.toString())), "log")) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                read.add(entry.fact());
            }
        }

        assertThat(read).containsExactlyElementsOf(facts);
    }

    @Property(tries = 300)
    void anyLine_givesAFactOrAnErrorNamingItsLine(@ForAll("lines") String line) {
        String log = FactLogWriter.HEADER + "\n" + line + "\n";
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(log)), "log.jsonl")) {
            Throwable thrown = catchThrowable(reader::next);

            if (thrown != null) {
                assertThat(thrown).isInstanceOf(FactLogException.class).hasMessageStartingWith("log.jsonl:2: ");
                assertThat(((FactLogException) thrown).line()).isEqualTo(2);
            }
        }
    }

    @Property(tries = 100)
    void anyFirstLine_isTheHeaderOrAnErrorNamingLineOne(@ForAll("lines") String line) {
        String log = line + "\n";
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(log)), "log.jsonl")) {
            Throwable thrown = catchThrowable(reader::next);

            assertThat(thrown).isInstanceOf(FactLogException.class).hasMessageStartingWith("log.jsonl:1: ");
        }
    }

    /** Unique ids (the index) and times that never go back, as a log holds them. */
    private static List<Observation> inLogOrder(List<Observation> drawn) {
        List<Observation> facts = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            facts.add(renamed(drawn.get(i), "f" + i, START.plusMillis(i * 250L)));
        }
        return facts;
    }

    private static Observation renamed(Observation fact, String id, Instant at) {
        if (fact instanceof Heartbeat h) {
            return new Heartbeat(id, at, h.component(), h.gpid(), h.status(), h.seq(), h.observedAt());
        } else if (fact instanceof ProcessStarted s) {
            return new ProcessStarted(id, at, s.component(), s.node(), s.pid(), s.restartId(), s.observedAt());
        } else if (fact instanceof ProcessExited e) {
            return new ProcessExited(id, at, e.component(), e.node(), e.pid(), e.exitCode(), e.signal(),
                    e.expected(), e.observedAt());
        } else if (fact instanceof AgentLink l) {
            return new AgentLink(id, at, l.node(), l.state());
        } else if (fact instanceof HeartbeatFlood f) {
            return new HeartbeatFlood(id, at, f.node(), f.source(), f.component(), f.since(), f.from(), f.to(),
                    f.dropped(), f.limit(), f.ended());
        }
        return new Tick(id, at);
    }

    @Provide
    Arbitrary<List<Observation>> factLists() {
        return facts().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<Observation> facts() {
        return Arbitraries.oneOf(heartbeats(), started(), exited(), links(), floods(),
                Arbitraries.just(new Tick("t", START)));
    }

    /** Mostly lines that are nearly facts (one character changed, dropped or added), some pure noise. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> valid = facts().map(FactLogWriter::line);
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
                Arbitraries.chars().ascii(), Arbitraries.integers().between(0, 2)).as(FactLogProperties::mutate);
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(120);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, valid), net.jqwik.api.Tuple.of(6, mutated),
                        net.jqwik.api.Tuple.of(3, noise))
                .map(s -> s.replace('\n', ' ').replace('\r', ' '));
    }

    private static String mutate(String line, int where, char c, int how) {
        int at = where % (line.length() + 1);
        return switch (how) {
            case 0 -> line.substring(0, at) + c + line.substring(at);
            case 1 -> at < line.length() ? line.substring(0, at) + line.substring(at + 1) : line;
            default -> at < line.length() ? line.substring(0, at) + c + line.substring(at + 1) : line;
        };
    }

    private static Arbitrary<ComponentId> components() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("-_.0123456789").ofMinLength(1).ofMaxLength(20)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0))).map(ComponentId::of);
    }

    private static Arbitrary<String> nodes() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<Instant> observed() {
        return Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli).injectNull(0.3);
    }

    private static Arbitrary<Observation> heartbeats() {
        return Combinators.combine(components(), nodes(), Arbitraries.longs().between(1, 4_194_304),
                        Arbitraries.of(HeartbeatStatus.class), Arbitraries.longs().greaterOrEqual(0), observed())
                .as((c, node, pid, status, seq, at) -> new Heartbeat("h", START, c, node + ":" + pid, status, seq, at));
    }

    private static Arbitrary<Observation> started() {
        return Combinators.combine(components(), nodes(), Arbitraries.longs().between(1, 4_194_304),
                        Arbitraries.strings().ofMaxLength(30).injectNull(0.5), observed())
                .as((c, node, pid, restart, at) -> new ProcessStarted("s", START, c, node, pid, restart, at));
    }

    private static Arbitrary<Observation> exited() {
        return Combinators.combine(components(), nodes(), Arbitraries.longs().between(1, 4_194_304),
                        Arbitraries.integers().between(-1, 255), Arbitraries.of(true, false), observed())
                .as((c, node, pid, code, expected, at) -> code < 0
                        ? new ProcessExited("e", START, c, node, pid, null, 9, expected, at)
                        : new ProcessExited("e", START, c, node, pid, code, null, expected, at));
    }

    /** Floods from an IPv4 or IPv6 source, claiming a component or none, going on or ended. */
    private static Arbitrary<Observation> floods() {
        Arbitrary<String> sources = Arbitraries.of("127.0.0.1", "192.0.2.7", "::1", "2001:db8::17");
        Arbitrary<Instant> since = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Long> windows = Arbitraries.longs().between(0, 720);
        return Combinators.combine(nodes(), sources, components().injectNull(0.3), since, windows,
                        Arbitraries.longs().between(0, 1_000_000), Arbitraries.longs().between(0, 10_000),
                        Arbitraries.of(true, false))
                .as((node, source, c, first, n, dropped, limit, ended) -> new HeartbeatFlood("f", START, node, source,
                        c, first, first.plusSeconds(5 * n), first.plusSeconds(5 * n + 5), dropped, limit, ended));
    }

    private static Arbitrary<Observation> links() {
        return Combinators.combine(nodes(), Arbitraries.of(AgentLink.LinkState.class))
                .as((node, state) -> new AgentLink("l", START, node, state));
    }
}
