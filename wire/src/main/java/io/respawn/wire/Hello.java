package io.respawn.wire;

import io.respawn.facts.Require;

/**
 * The agent's first frame.
 *
 * @param incarnation identifies this run of the agent; sequence numbers count within it
 * @param nonce       fresh random text, part of the authentication
 */
public record Hello(int version, String node, String incarnation, String nonce) implements Frame {
    public Hello {
        Require.notBlank("hello.node", node);
        Require.notBlank("hello.incarnation", incarnation);
        Require.notBlank("hello.nonce", nonce);
    }
}
