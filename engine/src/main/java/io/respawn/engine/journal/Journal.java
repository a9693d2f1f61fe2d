package io.respawn.engine.journal;

import io.respawn.facts.Observation;
import io.respawn.facts.log.FactLogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's record of every fact it received, in the fact-log format, written
 * before the rules see the facts. {@link #write} puts a batch in the file and returns
 * its end position at once; a thread of the journal forces the file to disk (fsync) and
 * then runs what {@link #onDurable} registered for positions up to the forced one, so the
 * caller can go on (show the facts to the rules) while the fsync is in flight and
 * acknowledge the facts only once they are durable. {@link #append} is write and wait.
 *
 * <p>This is the small form of that contract: one fsync at a time, covering everything
 * written before it began.
 *
 * <p>On open, a last line without its newline (the engine died while writing it) is cut
 * off with a warning: that fact was never acknowledged, and its agent sends it again.
 * The file is created readable by its owner only.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;
    private final Object lock = new Object();
    /** Actions waiting for their position to be durable, by position. Guarded by {@link #lock}. */
    private final TreeMap<Long, List<Runnable>> waiting = new TreeMap<>();
    private final Thread syncer;
    private long facts;
    private long written;
    private long durable;
    private IOException failed;
    private boolean closed;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.syncer = new Thread(this::syncLoop, "respawn-journal-sync");
        syncer.setDaemon(true);
    }

    /** Opens {@code file} for appending, creating it (with the header) if it does not exist. */
    public static Journal open(Path file) {
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Journal journal = new Journal(file, channel);
            if (fresh) {
                journal.write((FactLogWriter.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                journal.cutTornLine();
            }
            channel.position(channel.size());
            journal.written = channel.size();
            journal.durable = fresh ? 0 : journal.written;    // a fresh header is forced by the journal's thread
            journal.syncer.start();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot open journal", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Facts appended since this journal was opened. */
    public long appended() {
        return facts;
    }

    /** Writes the facts, one line each, and forces them to disk before returning. */
    public void append(List<? extends Observation> batch) {
        awaitDurable(write(batch));
    }

    /**
     * Writes the facts, one line each, without waiting for the disk; returns the position
     * after them, which {@link #onDurable} takes. One thread writes.
     */
    public long write(List<? extends Observation> batch) {
        if (batch.isEmpty()) {
            synchronized (lock) {
                return written;
            }
        }
        StringBuilder text = new StringBuilder(batch.size() * 160);
        for (Observation fact : batch) {
            text.append(FactLogWriter.line(fact)).append('\n');
        }
        long end = write(text.toString().getBytes(StandardCharsets.UTF_8));
        facts += batch.size();
        return end;
    }

    /**
     * Runs {@code action} once everything up to {@code position} is on disk: at once (on
     * this thread) if it is already, else on the journal's thread after the fsync. Actions
     * must be quick and must not block. If the journal cannot be forced, they never run.
     */
    public void onDurable(long position, Runnable action) {
        synchronized (lock) {
            if (position > durable) {
                waiting.computeIfAbsent(position, p -> new ArrayList<>()).add(action);
                lock.notifyAll();
                return;
            }
        }
        action.run();
    }

    private long write(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot append to journal (" + bytes.length + " bytes)", e);
        }
        synchronized (lock) {
            written += bytes.length;
            lock.notifyAll();
            return written;
        }
    }

    private void awaitDurable(long position) {
        synchronized (lock) {
            while (durable < position && failed == null && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(file + " - interrupted while waiting for the disk", e);
                }
            }
            if (failed != null) {
                throw new UncheckedIOException(file + " - cannot force journal to disk", failed);
            }
        }
    }

    /** The journal's thread: forces what was written, then runs what waited for it. */
    private void syncLoop() {
        while (true) {
            long target;
            synchronized (lock) {
                while (written <= durable && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (written <= durable) {
                    return;
                }
                target = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                LOG.error("journal cannot be forced to disk; facts are no longer acknowledged file={}", file, e);
                synchronized (lock) {
                    failed = e;
                    lock.notifyAll();
                }
                return;
            }
            List<Runnable> due = new ArrayList<>();
            synchronized (lock) {
                durable = target;
                lock.notifyAll();
                while (!waiting.isEmpty() && waiting.firstKey() <= durable) {
                    due.addAll(waiting.pollFirstEntry().getValue());
                }
            }
            for (Runnable action : due) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("journal durable action failed file={}", file, e);
                }
            }
        }
    }

    private void cutTornLine() throws IOException {
        long size = channel.size();
        long keep = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            channel.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        if (keep < size) {
            LOG.warn("journal ended in a torn line; cut off file={} bytes={}", file, size - keep);
            channel.truncate(keep);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            syncer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot close journal", e);
        }
    }
}
