package io.respawn.engine.replay;

/** A fact of the log could not be applied; the message starts with {@code file:line:}. */
public final class ReplayException extends RuntimeException {
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
