package io.respawn.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
