package io.respawn.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.respawn.facts.log.FactJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Frames to and from JSON bytes (the length prefix is the transport's job), and the authentication MAC. */
public final class FrameCodec {
    public static final int VERSION = 1;
    public static final int MAX_FRAME_BYTES = 1 << 20;
    private static final ObjectWriter WRITER = FactJson.mapper().writerFor(Frame.class);
    private static final ObjectReader READER = FactJson.mapper().readerFor(Frame.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<Class<?>, String> KIND_OF = Arrays.stream(
            Frame.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
    private static final String KINDS = KIND_OF.values().stream().sorted().collect(Collectors.joining(", "));

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        if (frame instanceof FactBatch batch) {
            byte[] fast = FactFrames.encode(batch);
            if (fast != null) {
                return fast;
            }
        }
        try {
            return WRITER.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode frame " + frame.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the frame */
    public static Frame decode(byte[] json) {
        return decode(json, "frame");
    }

    /**
     * Reads one frame.
     *
     * @param subject how errors name the frame, e.g. {@code frame 3}
     * @throws IllegalArgumentException {@code <subject> - <what is wrong>}, naming the field when one is
     */
    public static Frame decode(byte[] json, String subject) {
        if (json.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(subject + " - too large: " + json.length + " bytes (limit "
                    + MAX_FRAME_BYTES + ")");
        }
        FactBatch fast = FactFrames.decode(json);
        if (fast != null) {
            return fast;
        }
        try {
            return READER.readValue(json);
        } catch (InvalidTypeIdException e) {
            String kind = e.getTypeId();
            throw new IllegalArgumentException(subject + " - " + (kind == null ? "no kind" : "unknown kind \""
                    + kind + "\"") + " (known: " + KINDS + ")", e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(subject + " - " + where(e) + problem(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(subject + " - not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(subject + " - not readable: " + e.getMessage(), e);
        }
    }

    /** {@code field facts[0].fact.pid: } for the path Jackson was at, or nothing at the top. */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : "field " + path + ": ";
    }

    /** A check of a frame's or a fact's constructor says it best; otherwise Jackson's own words. */
    private static String problem(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        String message = e.getOriginalMessage();
        int cut = message == null ? -1 : message.indexOf(" (for ");
        return cut > 0 ? message.substring(0, cut) : String.valueOf(message);
    }

    /** The frame's {@code kind} as the wire names it: {@code hello}, {@code facts} … */
    public static String kind(Frame frame) {
        return KIND_OF.get(frame.getClass());
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
