package io.respawn.agent.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A component's log file, {@code <dir>/<component>.log}, rotated by size: when it
 * reaches {@code maxBytes} it becomes {@code .log.1}, the older ones move up one, and
 * the oldest beyond {@code files - 1} is deleted. Kept across the component's restarts;
 * a leftover process of an old run may write while a new run does, so writes are
 * serialised.
 */
final class RotatingLog implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int files;
    private OutputStream out;
    private long size;

    RotatingLog(Path file, long maxBytes, int files) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    Path file() {
        return file;
    }

    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (out == null) {
            return;
        }
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(bytes, offset, length);
        out.flush();
        size += length;
    }

    /** A line of the agent's own, e.g. where a new run starts. */
    void note(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (files == 1) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(numbered(files - 1));
            for (int n = files - 2; n >= 1; n--) {
                if (Files.exists(numbered(n))) {
                    Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }
}
