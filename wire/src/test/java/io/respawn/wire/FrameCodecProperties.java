package io.respawn.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.respawn.facts.log.FactJson;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the frame codec: every frame survives encoding, and no bytes at all make
 * the decoder fail with anything but an {@link IllegalArgumentException} naming the frame.
 */
class FrameCodecProperties {

    @Property(tries = 300)
    void anyFrame_decodesToItself(@ForAll("frames") Frame frame) {
        assertThat(FrameCodec.decode(FrameCodec.encode(frame))).isEqualTo(frame);
    }

    @Property(tries = 300)
    void anyBytes_areAFrameOrAClearError(@ForAll("bytes") byte[] bytes) {
        Throwable thrown = catchThrowable(() -> FrameCodec.decode(bytes, "frame 7"));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("frame 7 - ");
        }
    }

    @Property(tries = 500)
    void heartbeatBatches_byHandAsTheMapperWritesAndReadsThem(@ForAll("heartbeatBatches") FactBatch batch)
            throws Exception {
        byte[] mapped = FactJson.mapper().writerFor(Frame.class).writeValueAsBytes(batch);
        byte[] fast = FactFrames.encode(batch);
        if (fast != null) {
            assertThat(new String(fast, StandardCharsets.UTF_8)).isEqualTo(new String(mapped, StandardCharsets.UTF_8));
        }
        FactBatch read = FactFrames.decode(mapped);
        if (read != null) {
            assertThat(read).isEqualTo(FactJson.mapper().readerFor(Frame.class).readValue(mapped));
        }
        assertThat(FrameCodec.decode(FrameCodec.encode(batch))).isEqualTo(FrameCodec.decode(mapped));
    }

    @org.junit.jupiter.api.Test
    void plainHeartbeats_goByHandBothWays() {
        FactBatch batch = new FactBatch(java.util.List.of(
                new SequencedFact(41, new io.respawn.facts.Heartbeat("n1:9/x/1", java.time.Instant.EPOCH,
                        io.respawn.facts.ComponentId.of("web"), "n1:77", io.respawn.facts.HeartbeatStatus.OK, 3,
                        java.time.Instant.parse("2026-11-27T10:00:00.125Z"))),
                new SequencedFact(42, new io.respawn.facts.Heartbeat("n1:9/x/2", java.time.Instant.EPOCH,
                        io.respawn.facts.ComponentId.of("db"), "n1:78", io.respawn.facts.HeartbeatStatus.FAILED, 4,
                        null))));
        byte[] fast = FactFrames.encode(batch);

        assertThat(fast).isNotNull();
        assertThat(FactFrames.decode(fast)).isEqualTo(batch);
        // one fact of another kind: the whole frame goes through the mapper, both ways
        FactBatch mixed = new FactBatch(java.util.List.of(batch.facts().get(0), new SequencedFact(43,
                new io.respawn.facts.Tick("t", java.time.Instant.EPOCH))));
        assertThat(FactFrames.encode(mixed)).isNull();
        assertThat(FactFrames.decode(FrameCodec.encode(mixed))).isNull();
        assertThat(FrameCodec.decode(FrameCodec.encode(mixed))).isEqualTo(mixed);
    }

    @Provide
    Arbitrary<FactBatch> heartbeatBatches() {
        return Frames.heartbeatBatches();
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Frames.any();
    }

    /** Noise, and (more often) real frames with one byte changed, dropped or added. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> mutated = Combinators.combine(Frames.any().map(FrameCodec::encode),
                Arbitraries.integers().between(0, 10_000), Arbitraries.bytes(), Arbitraries.integers().between(0, 2))
                .as(FrameCodecProperties::mutate);
        Arbitrary<byte[]> typed = Combinators.combine(Arbitraries.of("hello", "auth", "facts", "ack", "command", "x"),
                        Arbitraries.of("version", "node", "upTo", "facts", "mac", "action"),
                        Arbitraries.of("1", "-1", "\"1\"", "null", "[]", "{}", "1.5", "true", "\"\""))
                .as((kind, field, value) -> ("{\"kind\":\"" + kind + "\",\"" + field + "\":" + value + "}")
                        .getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, noise), net.jqwik.api.Tuple.of(5, mutated),
                net.jqwik.api.Tuple.of(3, typed));
    }

    private static byte[] mutate(byte[] frame, int where, byte b, int how) {
        int at = where % (frame.length + 1);
        byte[] out;
        switch (how) {
            case 0 -> {
                out = new byte[frame.length + 1];
                System.arraycopy(frame, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(frame, at, out, at + 1, frame.length - at);
            }
            case 1 -> {
                if (at == frame.length) {
                    return frame;
                }
                out = new byte[frame.length - 1];
                System.arraycopy(frame, 0, out, 0, at);
                System.arraycopy(frame, at + 1, out, at, frame.length - at - 1);
            }
            default -> {
                out = frame.clone();
                if (at < out.length) {
                    out[at] = b;
                }
            }
        }
        return out;
    }
}
