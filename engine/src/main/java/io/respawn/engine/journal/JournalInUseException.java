package io.respawn.engine.journal;

/** Another engine holds the journal: two writers would interleave their lines. */
public final class JournalInUseException extends IllegalStateException {
    public JournalInUseException(String message) {
        super(message);
    }
}
