package io.respawn.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The one engine that writes a journal: an exclusive lock on {@code NAME.lock} beside the
 * live segment, held while the journal is open. The operating system drops it when the
 * holder dies, SIGKILL included, so a crashed engine never leaves a stale lock behind. The
 * file holds the holder's pid, for the message another engine gives.
 */
final class JournalLock implements AutoCloseable {
    /** How often a standby tries the lock while another engine holds it. */
    static final Duration POLL = Duration.ofMillis(10);

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the journal of {@code segments}, or throws
     * {@link JournalInUseException} naming the holder.
     */
    static JournalLock take(Segments segments) {
        JournalLock taken = tryTake(segments);
        if (taken == null) {
            throw new JournalInUseException(segments.live() + " - the journal is in use by another engine ("
                    + holder(segments.lock()) + ", by its lock " + segments.lock() + "): stop that engine first, or"
                    + " start this one with --standby to take over when it stops");
        }
        return taken;
    }

    /** Waits until the lock is free (its holder stopped or died), then takes it. */
    static JournalLock await(Segments segments) throws InterruptedException {
        while (true) {
            JournalLock taken = tryTake(segments);
            if (taken != null) {
                return taken;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for the journal " + segments.live() + " to be free");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** The lock, or null while another engine (in this process or another) holds it. */
    private static JournalLock tryTake(Segments segments) {
        Path file = segments.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(Journal.OWNER_ONLY)));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new JournalLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException(file + " - cannot lock the journal: " + e.getMessage(), e);
        }
    }

    /** "pid N" from the lock file, or what is known without it. */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "pid unknown" : "pid " + text;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException again) {
            failure.addSuppressed(again);
        }
    }

    /** Releases the lock. The file stays: removing it could let two engines lock two different files. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the journal's lock", e);
        }
    }
}
