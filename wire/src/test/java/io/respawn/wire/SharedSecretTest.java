package io.respawn.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret file as an operator may get it wrong. */
class SharedSecretTest {
    @TempDir
    Path dir;

    @Test
    void secretFile_isReadWithoutTheTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "sixteen chars ok\n");

        assertThat(new String(SharedSecret.read(file), StandardCharsets.UTF_8)).isEqualTo("sixteen chars ok");
    }

    @Test
    void missingFile_isNamed() {
        Path file = dir.resolve("no-such-secret");

        assertThatThrownBy(() -> SharedSecret.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage(file + " - cannot read the secret file");
    }

    @Test
    void shortSecret_isRefusedWithItsLength() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "  too short  \n");

        assertThatThrownBy(() -> SharedSecret.read(file))
                .hasMessage("the shared secret is too short: 9 characters (at least 16)");
    }

    @Test
    void emptyFile_isRefusedAsTooShort() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "\n");

        assertThatThrownBy(() -> SharedSecret.read(file))
                .hasMessage("the shared secret is too short: 0 characters (at least 16)");
    }
}
