package io.respawn.engine.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token mutating calls must carry. Read from {@code RESPAWN_TOKEN} when set, else
 * from a file, which is created (readable by its owner only) with a random token when missing.
 * Compared in constant time.
 */
public final class Token {
    private final byte[] value;

    private Token(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("token - must not be blank");
        }
        this.value = value.strip().getBytes(StandardCharsets.UTF_8);
    }

    public static Token of(String value) {
        return new Token(value);
    }

    /** The token from {@code environment} (the value of RESPAWN_TOKEN, may be null) or else {@code file}. */
    public static Token resolve(String environment, Path file) {
        if (environment != null && !environment.isBlank()) {
            return new Token(environment);
        }
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    throw new IllegalArgumentException(file + " - the token file is empty");
                }
                return new Token(text);
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return new Token(token);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot read or create the token file", e);
        }
    }

    /** Whether {@code presented} is this token; takes the same time whatever prefix matches. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself, for the start-up line that prints the dashboard's address. */
    public String value() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }
}
