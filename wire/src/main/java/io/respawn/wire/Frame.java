package io.respawn.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One message between an agent and the engine. On the wire each frame is a 4-byte
 * big-endian length followed by that many bytes of UTF-8 JSON, at most
 * {@link FrameCodec#MAX_FRAME_BYTES}; the JSON's {@code kind} names the frame.
 *
 * <pre>
 * agent                         engine
 *   hello {version, node, incarnation, nonce} ──▶
 *                             ◀── challenge {nonce}
 *   auth {mac}                ──▶        mac = HMAC-SHA256(secret, "respawn-auth|version|node|incarnation|agent nonce|engine nonce")
 *                             ◀── welcome {acked}   (or error, then close)
 *   facts {batch}             ──▶
 *                             ◀── ack {upTo}        once journaled
 *                             ◀── command {...}
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = Auth.class, name = "auth"),
    @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = FactBatch.class, name = "facts"),
    @JsonSubTypes.Type(value = Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = Command.class, name = "command"),
    @JsonSubTypes.Type(value = Refused.class, name = "error"),
})
public sealed interface Frame permits Hello, Challenge, Auth, Welcome, FactBatch, Ack, Command, Refused {
}
