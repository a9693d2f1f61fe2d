package io.respawn.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.respawn.facts.log.FactJson;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Frames to and from JSON bytes (the length prefix is the transport's job), and the authentication MAC. */
public final class FrameCodec {
    public static final int VERSION = 1;
    public static final int MAX_FRAME_BYTES = 1 << 20;
    private static final ObjectWriter WRITER = FactJson.mapper().writerFor(Frame.class);
    private static final ObjectReader READER = FactJson.mapper().readerFor(Frame.class);

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        try {
            return WRITER.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode frame " + frame.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the frame */
    public static Frame decode(byte[] json) {
        if (json.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame - too large: " + json.length + " bytes (limit "
                    + MAX_FRAME_BYTES + ")");
        }
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("frame - not readable: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("frame - not readable: " + e.getMessage(), e);
        }
    }

    /** The MAC an agent sends in {@link Auth}, over everything both sides said in the handshake. */
    public static String mac(byte[] secret, Hello hello, String engineNonce) {
        String text = "respawn-auth|" + hello.version() + "|" + hello.node() + "|" + hello.incarnation() + "|"
                + hello.nonce() + "|" + engineNonce;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Compares two MACs in constant time. */
    public static boolean sameMac(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
