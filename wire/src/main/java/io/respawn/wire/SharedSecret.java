package io.respawn.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared secret agents authenticate with (see {@link FrameCodec#mac}): from {@code --secret-file}, else from the
 * environment variable {@code RESPAWN_SECRET}. Never from the command line, where other
 * users of the machine could read it.
 */
public final class SharedSecret {
    public static final String ENV = "RESPAWN_SECRET";

    private SharedSecret() {
    }

    /** The secret from {@code file}, or from the environment when {@code file} is null. */
    public static byte[] read(Path file) {
        String secret;
        if (file != null) {
            try {
                secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(file + " - cannot read the secret file", e);
            }
        } else {
            secret = System.getenv(ENV);
            if (secret == null) {
                throw new IllegalArgumentException("no shared secret: give --secret-file FILE or set " + ENV);
            }
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the shared secret is too short: " + secret.length()
                    + " characters (at least 16)");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
