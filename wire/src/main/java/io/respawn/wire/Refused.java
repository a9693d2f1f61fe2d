package io.respawn.wire;

import io.respawn.facts.Require;

/** The peer refuses something and closes the connection; {@code message} says what and why. */
public record Refused(String message) implements Frame {
    public Refused {
        Require.notBlank("error.message", message);
    }
}
