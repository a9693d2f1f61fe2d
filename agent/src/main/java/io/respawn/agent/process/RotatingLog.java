package io.respawn.agent.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A component's log file, {@code <dir>/<component>.log}. The component's processes write
 * to it themselves: their stdout and stderr are the file, opened in append mode, so they
 * keep logging when the agent dies and while another agent re-adopts them (a pipe through
 * the agent would break, and the component would get SIGPIPE on its next write).
 *
 * <p>The agent rotates it by copy-truncate: once the file has reached {@code maxBytes},
 * {@code .log.1} … move up one (the oldest beyond {@code files - 1} is deleted), the file
 * is copied to {@code .log.1} and truncated to zero; writers in append mode go on at the
 * new end. Lines written between the copy and the truncation are lost, and a file can
 * grow past {@code maxBytes} by what is written between two checks.
 */
final class RotatingLog {
    private final Path file;
    private final long maxBytes;
    private final int files;

    RotatingLog(Path file, long maxBytes, int files) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    Path file() {
        return file;
    }

    /** A line of the agent's own, e.g. where a new run starts; appended like the component's output. */
    synchronized void note(String line) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    /** Rotates the file if it has reached its size; true if it did. */
    synchronized boolean rotateIfFull() throws IOException {
        if (!Files.exists(file) || Files.size(file) < maxBytes) {
            return false;
        }
        if (files > 1) {
            Files.deleteIfExists(numbered(files - 1));
            for (int n = files - 2; n >= 1; n--) {
                if (Files.exists(numbered(n))) {
                    Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.truncate(0);
        }
        return true;
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
