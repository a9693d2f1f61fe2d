package io.respawn.wire;

/** Every fact of this agent incarnation up to {@code upTo} is journaled; the agent may forget them. */
public record Ack(long upTo) implements Frame {
}
