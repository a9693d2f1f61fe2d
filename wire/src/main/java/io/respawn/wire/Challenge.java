package io.respawn.wire;

import io.respawn.facts.Require;

/** The engine's answer to a hello: a fresh nonce the agent must authenticate with. */
public record Challenge(String nonce) implements Frame {
    public Challenge {
        Require.notBlank("challenge.nonce", nonce);
    }
}
