package io.respawn.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The journal cannot take facts: a write or fsync failed (a full disk, an I/O error). */
public final class JournalFailedException extends UncheckedIOException {
    public JournalFailedException(String message, IOException cause) {
        super(message, cause);
    }
}
