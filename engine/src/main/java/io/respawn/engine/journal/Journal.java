package io.respawn.engine.journal;

import io.respawn.facts.Observation;
import io.respawn.facts.log.CheckpointRecord;
import io.respawn.facts.log.FactLogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's record of every fact it received, in the fact-log format, written before
 * the rules see the facts. {@link #write} appends and returns the position after the
 * facts; {@link #onDurable} runs an action once everything up to a position is on disk as
 * the {@link FsyncPolicy} says (an agent's facts are acknowledged from there);
 * {@link #append} does both and waits.
 *
 * <p>Files: the live segment (the path given, e.g. {@code journal.jsonl}) grows to
 * {@link Settings#segmentBytes}, is then sealed as {@code journal.000001.jsonl} and a new
 * live segment begins with the header and the map in force, so every segment can be read
 * on its own. Every {@link Settings#checkpointEvery} facts a checkpoint
 * ({@code journal.checkpoint.jsonl}: the journal so far without routine heartbeats and
 * ticks, with the heartbeat silences and the heartbeat fold's state recorded instead, see
 * {@link Compactor}) is written, so recovery replays the checkpoint and the
 * tail after it. Old sealed segments go by the {@link Retention}. Files are created
 * readable by the owner only (0600), a directory the journal creates 0700.
 *
 * <p>One engine at a time: an open journal holds the lock on {@code NAME.lock}
 * ({@link JournalLock}); a second {@link #open} fails with {@link JournalInUseException},
 * and {@link #takeOver} waits for the holder to stop or die.
 *
 * <p>On open, a last line without its newline (the engine died while writing it) is cut
 * off with a warning: it was never acknowledged, and its agent sends it again.
 *
 * <p>A write or fsync error (a full disk, an I/O error) is logged as an error and stops
 * the journal: what was written before stays intact (a partly written batch is cut off),
 * nothing more is accepted or acknowledged, and every later {@link #write} throws
 * {@link JournalFailedException}; agents keep their facts until an engine can take them.
 */
public final class Journal implements AutoCloseable {
    /**
     * @param segmentBytes  the size at which the live segment is sealed (64 MiB by default)
     * @param checkpointEvery facts between checkpoints (0: none)
     */
    public record Settings(FsyncPolicy fsync, long segmentBytes, Retention retention, long checkpointEvery) {
        public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
        public static final long DEFAULT_CHECKPOINT_EVERY = 100_000;

        public Settings {
            if (fsync == null || retention == null) {
                throw new IllegalArgumentException("journal settings - fsync and retention are required");
            }
            if (segmentBytes < 4096) {
                throw new IllegalArgumentException("journal settings - segment size must be at least 4096 bytes: "
                        + segmentBytes);
            }
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException("journal settings - checkpoint interval must not be negative: "
                        + checkpointEvery);
            }
        }

        /** Group commit, 64 MiB segments, the default retention, a checkpoint every 100,000 facts. */
        public static Settings defaults() {
            return new Settings(FsyncPolicy.GROUP, DEFAULT_SEGMENT_BYTES, Retention.DEFAULT, DEFAULT_CHECKPOINT_EVERY);
        }
    }

    /**
     * What a recovery read: facts in all, from the checkpoint, from the segments after it,
     * lines skipped, and whether a checkpoint was used.
     */
    public record Recovered(long facts, long fromCheckpoint, long fromSegments, long skipped, boolean checkpointUsed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final String OWNER_ONLY = "rw-------";

    private final Segments segments;
    private final JournalLock lock;
    private final Settings settings;
    private final SegmentFile.Opener opener;
    private final Durability durability;
    private final Compactor compactor = new Compactor();
    private final Checkpoints checkpoints;
    private final ExecutorService background;
    private final Object forceLock = new Object();
    private volatile SegmentFile live;
    private long liveNumber;
    private long liveBytes;
    private long written;
    private long facts;
    private long sinceCheckpoint;
    private boolean closed;

    private Journal(Segments segments, Settings settings, SegmentFile.Opener opener, JournalLock lock) {
        this.segments = segments;
        this.lock = lock;
        this.settings = settings;
        this.opener = opener;
        this.durability = new Durability(segments.live().toString());
        this.checkpoints = new Checkpoints(segments);
        this.background = Executors.newSingleThreadExecutor(r -> new Thread(r, "respawn-journal-checkpoint"));
    }

    /** Opens the journal whose live segment is {@code file}, with the default settings. */
    public static Journal open(Path file) {
        return open(file, Settings.defaults());
    }

    public static Journal open(Path file, Settings settings) {
        return open(file, settings, SegmentFile.FILES);
    }

    static Journal open(Path file, Settings settings, SegmentFile.Opener opener) {
        Segments segments = new Segments(file);
        return open(segments, settings, opener, JournalLock.take(withDirectory(segments)));
    }

    /**
     * Waits until no other engine holds the journal (it stopped, or died), then opens it: a
     * standby's take-over. Polls the lock every {@code 10 ms}.
     */
    public static Journal takeOver(Path file, Settings settings) throws InterruptedException {
        Segments segments = new Segments(file);
        return open(segments, settings, SegmentFile.FILES, JournalLock.await(withDirectory(segments)));
    }

    private static Journal open(Segments segments, Settings settings, SegmentFile.Opener opener, JournalLock lock) {
        Journal journal = new Journal(segments, settings, opener, lock);
        try {
            journal.openLive();
        } catch (IOException e) {
            journal.background.shutdownNow();
            lock.close();
            throw new UncheckedIOException(segments.live() + " - cannot open journal", e);
        }
        journal.durability.start(settings.fsync(), journal::force);
        return journal;
    }

    /**
     * Throws {@link JournalInUseException} if another engine holds the journal whose live
     * segment is {@code file} now; holds nothing after. A quick answer before a long start
     * (rules to load): {@link #open} asks again.
     */
    public static void checkFree(Path file) {
        Segments segments = new Segments(file);
        if (Files.isDirectory(segments.dir())) {
            JournalLock.take(segments).close();
        }
    }

    /**
     * Reads the journal whose live segment is {@code file} as {@link #recover} would, while
     * another engine may be writing it: nothing is written, moved or locked, and what the
     * recovery would warn about is left to the recovery that counts. A standby's rehearsal.
     */
    public static Recovered rehearseRecovery(Path file, Consumer<Observation> consumer,
                                             Consumer<CheckpointRecord> records) {
        return new Recovery(new Segments(file), new Compactor(), true).run(consumer, records);
    }

    private static Segments withDirectory(Segments segments) {
        Path dir = segments.dir();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException(segments.live() + " - cannot create the journal's directory", e);
            }
        }
        return segments;
    }

    public Path file() {
        return segments.live();
    }

    public Settings settings() {
        return settings;
    }

    /** Facts written since this journal was opened. */
    public long appended() {
        return facts;
    }

    /** The position after the last write (bytes written since this journal was opened). */
    public long position() {
        return written;
    }

    /** The error that stopped the journal, or null while it is working. */
    public IOException failure() {
        return durability.failure();
    }

    /**
     * Appends the facts, one line each, and returns the position after them; they are on
     * disk once {@link #onDurable} says so. Not for concurrent use by several threads.
     *
     * @throws JournalFailedException if this or an earlier write or fsync failed
     */
    public synchronized long write(List<? extends Observation> batch) {
        durability.check();
        if (batch.isEmpty()) {
            return written;
        }
        StringBuilder text = new StringBuilder(batch.size() * 160);
        String[] lines = new String[batch.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = FactLogWriter.line(batch.get(i));
            text.append(lines[i]).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (liveBytes + bytes.length > settings.segmentBytes() && liveBytes > headerBytes()) {
            rotate();
        }
        writeBytes(bytes);
        for (int i = 0; i < lines.length; i++) {
            compactor.add(batch.get(i), lines[i]);
        }
        facts += lines.length;
        sinceCheckpoint += lines.length;
        long position = written;
        durability.written(position);
        if (settings.checkpointEvery() > 0 && sinceCheckpoint >= settings.checkpointEvery()) {
            checkpoint();
        }
        return position;
    }

    /**
     * Runs {@code action} once everything up to {@code position} is durable: on the syncer
     * thread, or at once on the caller's when it already is (always with {@code never} and
     * {@code always}). After a failure it never runs.
     */
    public void onDurable(long position, Runnable action) {
        durability.onDurable(position, action);
    }

    /**
     * Writes the facts and waits until they are durable (an fsync under {@code group},
     * {@code always} and {@code interval}).
     *
     * @throws JournalFailedException if the write or fsync failed
     */
    public void append(List<? extends Observation> batch) {
        long position = write(batch);
        durability.await(position);
    }

    /**
     * Reads the journal for recovery: the latest usable checkpoint, then the segments after
     * its position (everything kept when there is none), handing each fact to
     * {@code consumer} and each checkpoint record to {@code records}, in order (an oracle
     * takes them with {@code accept} and {@code restore}); the journal's own checkpointing
     * resumes from what was read.
     */
    public synchronized Recovered recover(Consumer<Observation> consumer, Consumer<CheckpointRecord> records) {
        return new Recovery(segments, compactor, false).run(consumer, records);
    }

    /** About how many bytes {@link #recover} would read now (the checkpoint and what follows it). */
    public synchronized long bytesToRecover() {
        return new Recovery(segments, compactor, false).bytesToRead();
    }

    // ---- segments ----

    private void openLive() throws IOException {
        Path file = segments.live();
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        }
        live = opener.open(file);
        liveNumber = segments.liveNumber();
        if (fresh) {
            live.append(ByteBuffer.wrap((FactLogWriter.HEADER + "\n").getBytes(StandardCharsets.UTF_8)));
            live.force();
        } else {
            cutTornLine(live, file);
        }
        liveBytes = live.size();
    }

    /** Seals the live segment and starts a new one with the header and the map in force. */
    private void rotate() {
        Path file = segments.live();
        long number = liveNumber;
        Path sealed = segments.sealed(number);
        try {
            synchronized (forceLock) {
                live.force();
                live.close();
                Files.move(file, sealed, StandardCopyOption.ATOMIC_MOVE);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
                live = opener.open(file);
                liveNumber = number + 1;
                StringBuilder start = new StringBuilder(FactLogWriter.HEADER).append('\n');
                if (compactor.mapLine() != null) {
                    start.append(compactor.mapLine()).append('\n');
                }
                byte[] bytes = start.toString().getBytes(StandardCharsets.UTF_8);
                live.append(ByteBuffer.wrap(bytes));
                live.force();
                liveBytes = bytes.length;
            }
            durability.durable(written);
        } catch (IOException e) {
            throw durability.fail(new IOException(file + " - cannot start a new segment after " + sealed + ": "
                    + e.getMessage(), e));
        }
        LOG.info("journal segment sealed file={} next={}", sealed, liveNumber);
        background.submit(() -> checkpoints.retain(settings.retention()));
    }

    private void writeBytes(byte[] bytes) {
        long before = liveBytes;
        try {
            live.append(ByteBuffer.wrap(bytes));
            liveBytes += bytes.length;
            written += bytes.length;
            if (settings.fsync().kind() == FsyncPolicy.Kind.ALWAYS) {
                live.force();
            }
        } catch (IOException e) {
            try {
                live.truncate(before);                        // no half batch left behind
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw durability.fail(new IOException(segments.live() + " - cannot append to the journal ("
                    + bytes.length + " bytes at " + before + "): " + e.getMessage(), e));
        }
    }

    /** Forces the live segment (the syncer's step). */
    private void force() throws IOException {
        synchronized (forceLock) {
            live.force();
        }
    }

    private long headerBytes() {
        return FactLogWriter.HEADER.length() + 1L + (compactor.mapLine() == null ? 0
                : compactor.mapLine().getBytes(StandardCharsets.UTF_8).length + 1L);
    }

    // ---- checkpoints ----

    private void checkpoint() {
        sinceCheckpoint = 0;
        List<String> lines = compactor.snapshot();
        Checkpoints.Position at = new Checkpoints.Position(liveNumber, liveBytes);
        onDurable(written, () -> background.submit(() -> checkpoints.write(at, lines)));
    }

    static void cutTornLine(SegmentFile file, Path name) throws IOException {
        long size = file.size();
        long keep = size;
        while (keep > 0 && file.byteAt(keep - 1) != '\n') {
            keep--;
        }
        if (keep < size) {
            LOG.warn("journal ended in a torn line; cut off file={} bytes={}", name, size - keep);
            file.truncate(keep);
            file.force();
        }
    }

    /** The map line the journal carries into new segments (the last map written or recovered). */
    String mapLine() {
        return compactor.mapLine();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        durability.stop();
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (forceLock) {
                if (durability.failure() == null && settings.fsync().kind() != FsyncPolicy.Kind.NEVER) {
                    live.force();
                }
                live.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(segments.live() + " - cannot close journal", e);
        } finally {
            lock.close();
        }
    }
}
