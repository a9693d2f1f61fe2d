package io.respawn.agent.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A small state file replaced whole: the new content goes to a temporary file beside it
 * (mode 0600) and is renamed over the old one; {@link #write} also forces the content
 * and the directory to disk before it returns, {@link #replace} leaves that to a later
 * {@link #sync}. A crash at any moment leaves either the old content or the new, never a
 * mix.
 */
public final class AtomicFile {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFile() {
    }

    /** Creates {@code dir} (and its parents) if missing; a directory it creates is readable by the owner only. */
    public static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw new IOException(dir + " - exists and is not a directory", e);
                }
            }
        }
        return dir;
    }

    /** Replaces {@code file} with {@code content}, atomically and durably. */
    public static void write(Path file, byte[] content) throws IOException {
        replace(file, content, true);
        sync(file);
    }

    /**
     * Replaces {@code file} with {@code content} atomically, without waiting for the disk:
     * a process that reads the file after this returns, even after the writer was killed,
     * sees the new content whole; a machine that loses power before {@link #sync} may come
     * back with the old content (never a mix: the content is forced before a sync returns,
     * and the rename is ordered after it by the file system's replace-by-rename handling).
     */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, false);
    }

    /** Forces {@code file}'s content and its directory entry to disk. */
    public static void sync(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.READ)) {
            channel.force(true);
        }
        try (FileChannel directory = FileChannel.open(absolute.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static void replace(Path file, byte[] content, boolean force) throws IOException {
        Path dir = directory(file.toAbsolutePath().getParent());
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_FILE);
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", mode);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (force) {
                    out.force(true);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
