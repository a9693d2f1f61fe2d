package io.respawn.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pipeline's decoding side, fed bytes by hand: sizes at the cap, bad frames, and how errors name them. */
class FrameDecoderTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        FramePipeline.install(channel.pipeline());
        return channel;
    }

    private static ByteBuf prefixed(byte[] json) {
        return Unpooled.buffer().writeInt(json.length).writeBytes(json);
    }

    /** A frame whose JSON is exactly {@code bytes} long. */
    private static byte[] frameOf(int bytes) {
        int overhead = FrameCodec.encode(new Refused("x")).length - 1;
        byte[] json = FrameCodec.encode(new Refused("x".repeat(bytes - overhead)));
        assertThat(json).hasSize(bytes);
        return json;
    }

    @Property(tries = 12)
    void sizesAroundTheCap_areReadUpToItAndRefusedPastIt(@ForAll @IntRange(min = -6, max = 5) int offset) {
        int size = FrameCodec.MAX_FRAME_BYTES + offset;
        EmbeddedChannel channel = channel();

        if (size <= FrameCodec.MAX_FRAME_BYTES) {
            channel.writeInbound(prefixed(frameOf(size)));
            assertThat((Frame) channel.readInbound()).isInstanceOf(Refused.class);
        } else {
            assertThatThrownBy(() -> channel.writeInbound(prefixed(frameOf(size))))
                    .isInstanceOf(TooLongFrameException.class)
                    .hasMessage("frame 1 - too large: " + size + " bytes (limit " + FrameCodec.MAX_FRAME_BYTES + ")");
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizedLength_isRefusedFromThePrefixAlone() {
        EmbeddedChannel channel = channel();

        // only the 4-byte length arrives: the refusal does not wait for (or buffer) the 2 GB announced
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame 1 - too large: 2147483647 bytes (limit 1048576)");
        channel.finishAndReleaseAll();
    }

    @Test
    void tlsRecordFirst_isRefusedAsTlsOnOneEndOnly() {
        EmbeddedChannel channel = channel();

        // a TLS ClientHello begins 0x16 (handshake), 0x03 0x01: as a length, 369 MB
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(0x16030100).writeByte(0xf4)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame 1 - the peer speaks TLS and this end does not: TLS is on at one end of the link"
                        + " only");
        channel.finishAndReleaseAll();
    }

    @Test
    void tlsLikeLengthAfterTheFirstFrame_isRefusedAsTooLarge() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(prefixed(FrameCodec.encode(new Ack(1))));
        assertThat((Frame) channel.readInbound()).isEqualTo(new Ack(1));

        // TLS does not begin in the middle of a conversation: past frame 1 it is only a bad length
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(0x16030100)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame 2 - too large: 369295616 bytes (limit 1048576)");
        channel.finishAndReleaseAll();
    }

    @Test
    void negativeLength_isRefusedAsTooLarge() {
        EmbeddedChannel channel = channel();

        // the length is unsigned on the wire: 0xFFFFFFFF is 4 GB, not -1
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(-1)))
                .hasMessage("frame 1 - too large: 4294967295 bytes (limit 1048576)");
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what                  | JSON                                                                  | message
        "not JSON               | {\"kind\":                                                                | frame 2 - not JSON: ",
        "trailing garbage       | {\"kind\":\"ack\",\"upTo\":1} x                                            | frame 2 - not JSON: ",
        "unknown kind           | {\"kind\":\"shell\",\"run\":\"rm -rf /\"}                                  | frame 2 - unknown kind \"shell\" (known: ack, auth, challenge, command, error, facts, hello, welcome)",
        "no kind                | {\"upTo\":1}                                                              | frame 2 - no kind (known: ack, auth",
        "wrong type             | {\"kind\":\"hello\",\"version\":\"one\",\"node\":\"n\",\"incarnation\":\"i\",\"nonce\":\"x\"} | frame 2 - field version: Cannot deserialize value of type `int` from String \"one\"",
        "unknown field          | {\"kind\":\"ack\",\"upTo\":1,\"command\":\"sh\"}                          | frame 2 - field command: Unrecognized field \"command\"",
        "blank field            | {\"kind\":\"auth\",\"mac\":\"\"}                                           | frame 2 - auth.mac - ",
        "missing field          | {\"kind\":\"auth\"}                                                       | frame 2 - auth.mac - ",
        "bad nested fact        | {\"kind\":\"facts\",\"facts\":[{\"seq\":1,\"fact\":{\"type\":\"tick\",\"id\":\"t\",\"at\":\"noon\"}}]} | frame 2 - field facts[0].fact.at: bad time \"noon\"",
        "bad sequence number    | {\"kind\":\"facts\",\"facts\":[{\"seq\":0,\"fact\":{\"type\":\"tick\",\"id\":\"t\",\"at\":\"2026-11-27T10:00:00.000Z\"}}]} | frame 2 - field facts[0]: facts.seq - must be at least 1: 0",
    })
    void badSecondFrame_isNamedByNumberAndField(String what, String json, String message) {
        EmbeddedChannel channel = channel();
        channel.writeInbound(prefixed(FrameCodec.encode(new Ack(1))));
        assertThat((Frame) channel.readInbound()).isEqualTo(new Ack(1));

        assertThatThrownBy(() -> channel.writeInbound(prefixed(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DecoderException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).startsWith(message));
        channel.finishAndReleaseAll();
    }

    @Test
    void badFrame_doesNotHoldUpTheFramesBehindIt() {
        EmbeddedChannel channel = channel();
        ByteBuf both = prefixed("{\"kind\":\"ack\",\"upTo\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .writeBytes(prefixed(FrameCodec.encode(new Ack(2))));

        // both frames in one read: the first is refused, the second still read
        assertThatThrownBy(() -> channel.writeInbound(both))
                .isInstanceOf(DecoderException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).startsWith("frame 1 - field upTo: "));
        assertThat((Frame) channel.readInbound()).isEqualTo(new Ack(2));
        channel.finishAndReleaseAll();
    }

    @Test
    void frameSplitAcrossReads_isReadWhole() {
        EmbeddedChannel channel = channel();
        ByteBuf whole = prefixed(FrameCodec.encode(new Welcome(41)));

        channel.writeInbound(whole.readRetainedSlice(3));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(whole);

        assertThat((Frame) channel.readInbound()).isEqualTo(new Welcome(41));
        channel.finishAndReleaseAll();
    }
}
