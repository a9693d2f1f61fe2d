package io.respawn.wire;

/**
 * The engine accepted the agent.
 *
 * @param acked the highest sequence number of this agent incarnation already journaled
 *              (0 if none): the agent forgets facts up to it and sends the rest
 */
public record Welcome(long acked) implements Frame {
}
