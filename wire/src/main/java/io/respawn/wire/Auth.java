package io.respawn.wire;

import io.respawn.facts.Require;

/** The agent's proof that it knows the shared secret: see {@link Frame} for the MAC. */
public record Auth(String mac) implements Frame {
    public Auth {
        Require.notBlank("auth.mac", mac);
    }
}
