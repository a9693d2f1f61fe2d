package io.respawn.engine.journal;

import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.log.CheckpointRecord;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.log.LogEntry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Reads a journal back for recovery: the checkpoint if there is a usable one (it exists,
 * the position it names is in the journal, and it matches its seal), then every segment
 * line after that position; without one, every segment kept. A second thread reads and
 * parses the lines and feeds the journal's {@link Compactor} while the caller's thread
 * applies the facts, so parsing and the rules overlap, from the checkpoint's first line on.
 * A damaged checkpoint is ignored (with a warning) rather than half applied: the seal is
 * checked before any of it is handed over (one written before the seal is read whole
 * first). An unreadable segment line is skipped with a warning naming file and line.
 */
final class Recovery {
    /** A fact (a checkpoint's with the line it was read from, for the compactor) or a checkpoint record. */
    private record Parsed(Observation fact, String text, CheckpointRecord record, boolean checkpoint) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int BATCH = 1024;
    private static final List<Parsed> END = List.of();

    private final Segments segments;
    private final Compactor compactor;
    private final boolean rehearsal;
    private final Set<String> mapIds = new HashSet<>();
    private long skipped;

    /**
     * @param rehearsal read as a standby does, while another engine writes the journal:
     *                  nothing is moved aside and nothing is logged (a line being written
     *                  as it is read is not damage)
     */
    Recovery(Segments segments, Compactor compactor, boolean rehearsal) {
        this.segments = segments;
        this.compactor = compactor;
        this.rehearsal = rehearsal;
    }

    /** Where warnings go: nowhere in a rehearsal. */
    private Logger log() {
        return rehearsal ? NOPLogger.NOP_LOGGER : LOG;
    }

    Journal.Recovered run(Consumer<Observation> consumer, Consumer<CheckpointRecord> records) {
        TreeMap<Long, Path> sealed = segments.sealed();
        Optional<Checkpoints.Header> header = usableCheckpoint(liveNumber(sealed), sealed);
        Optional<Checkpoints.Position> start = header.map(Checkpoints.Header::position);
        long first = firstKept(sealed);
        List<Segment> whole = toRead(Optional.empty(), sealed);
        List<Segment> tail = start.isPresent() ? toRead(start, sealed) : whole;
        boolean[] used = {false};
        long[] counts = read(queue -> {
            Optional<List<Parsed>> checkpoint = header.isPresent() ? readCheckpoint(header.get(), queue)
                    : Optional.empty();
            used[0] = checkpoint.isPresent();
            if (checkpoint.isPresent()) {
                feedCompactor(checkpoint.get());                // while the caller's thread applies it
            } else if (first > 1) {
                log().warn("journal recovery: no usable checkpoint and segments before {} are gone; the state is"
                        + " rebuilt from segment {} on file={}", first, first, segments.live());
            }
            for (Segment segment : used[0] ? tail : whole) {
                parse(segment, queue);
            }
        }, consumer, records);
        return new Journal.Recovered(counts[0] + counts[1], counts[0], counts[1], skipped, used[0]);
    }

    /**
     * About how many bytes {@link #run} will read: the checkpoint and what follows its
     * position, or every kept segment without one. Read from the file sizes and the
     * checkpoint's first line only, so a checkpoint that turns out unusable is counted.
     */
    long bytesToRead() {
        Optional<Checkpoints.Position> start = new Checkpoints(segments).header(false)
                .map(Checkpoints.Header::position);
        long bytes = start.isPresent() ? sizeOf(segments.checkpoint()) : 0;
        for (Segment segment : toRead(start, segments.sealed())) {
            bytes += Math.max(0, sizeOf(segment.file()) - segment.offset());
        }
        return bytes;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;                                         // gone since it was listed: nothing to read
        }
    }

    private record Segment(Path file, long offset) {
    }

    private static long liveNumber(TreeMap<Long, Path> sealed) {
        return sealed.isEmpty() ? 1 : sealed.lastKey() + 1;
    }

    private static long firstKept(TreeMap<Long, Path> sealed) {
        return sealed.isEmpty() ? 1 : sealed.firstKey();
    }

    /**
     * The segments to read after a checkpoint at {@code start}, the first from its offset,
     * up to the live one; without a checkpoint, every kept segment.
     */
    private List<Segment> toRead(Optional<Checkpoints.Position> start, TreeMap<Long, Path> sealed) {
        long liveNumber = liveNumber(sealed);
        List<Segment> parts = new ArrayList<>();
        for (long n = start.map(Checkpoints.Position::segment).orElse(firstKept(sealed)); n <= liveNumber; n++) {
            Path file = n == liveNumber ? segments.live() : sealed.get(n);
            if (file != null && Files.exists(file)) {
                long offset = start.isPresent() && n == start.get().segment() ? start.get().offset() : 0;
                parts.add(new Segment(file, offset));
            }
        }
        return parts;
    }

    /**
     * Reads the checkpoint onto the queue and returns its facts and records in order, or
     * empty (with a warning, nothing handed over) if it is not whole. A sealed checkpoint is
     * checked against its seal first, then handed over batch by batch as it is parsed, so
     * the rules start on it at once; one without a seal (written before the seal) must read
     * whole before any of it is handed over. A sealed checkpoint that is whole but does not
     * read (a line this version cannot take) stops the recovery, after it is moved aside so
     * the next start replays every kept segment instead.
     */
    private Optional<List<Parsed>> readCheckpoint(Checkpoints.Header header, BlockingQueue<List<Parsed>> queue) {
        Path file = segments.checkpoint();
        if (header.seal().isEmpty()) {
            Optional<List<Parsed>> whole = readWhole(file);
            whole.ifPresent(read -> putQuietly(queue, read));
            return whole;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            log().warn("journal checkpoint ignored: unreadable; every kept segment is replayed file={} error={}", file,
                    e.getMessage());
            return Optional.empty();
        }
        int body = firstLineEnd(bytes) + 1;
        Checkpoints.Seal found = Checkpoints.Seal.of(bytes, Math.min(body, bytes.length));
        if (!found.equals(header.seal().get())) {
            log().warn("journal checkpoint ignored: it does not match its seal (cut short or damaged); every kept"
                    + " segment is replayed file={} sealed=[{}] found=[{}]", file, header.seal().get(), found);
            return Optional.empty();
        }
        List<Parsed> read = new ArrayList<>();
        Batches batches = new Batches(queue);
        Consumer<Parsed> hand = parsed -> {
            read.add(parsed);
            batches.add(parsed);
        };
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8), 1 << 16);
        try (FactLogReader reader = FactLogReader.of(in, file.toString(), file.toAbsolutePath().getParent(),
                FactLogReader.BadLines.STOP, e -> { })
                .withCheckpointRecords(record -> hand.accept(new Parsed(null, null, record, true)))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                hand.accept(new Parsed(entry.fact(), reader.lastText(), null, true));
            }
        } catch (FactLogException | UncheckedIOException e) {
            if (rehearsal) {
                throw new IllegalStateException(e.getMessage() + " - the checkpoint does not read", e);
            }
            Path aside = file.resolveSibling(file.getFileName() + ".bad");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                e.addSuppressed(moveFailed);
            }
            throw new IllegalStateException(e.getMessage() + " - the checkpoint matches its seal, so it was written"
                    + " so, and part of it is applied already; it is moved aside to " + aside + ", and the next"
                    + " start replays every kept segment instead", e);
        }
        batches.flush();
        return Optional.of(read);
    }

    /** A checkpoint without a seal, read whole; empty (with a warning) if it does not read whole. */
    private Optional<List<Parsed>> readWhole(Path file) {
        List<Parsed> read = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(file)
                .withCheckpointRecords(record -> read.add(new Parsed(null, null, record, true)))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                read.add(new Parsed(entry.fact(), reader.lastText(), null, true));
            }
        } catch (FactLogException | UncheckedIOException e) {
            log().warn("journal checkpoint ignored: it does not read whole; every kept segment is replayed error={}",
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(read);
    }

    private static int firstLineEnd(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** Gives the journal's compactor the checkpoint, so the next checkpoint starts from it. */
    private void feedCompactor(List<Parsed> checkpoint) {
        for (Parsed parsed : checkpoint) {
            if (parsed.fact() == null) {
                compactor.add(parsed.record());
            } else {
                String line = parsed.text();
                if (parsed.fact() instanceof MapInForce) {
                    mapIds.add(parsed.fact().id());
                    line = FactLogWriter.line(parsed.fact());     // its line may name a file instead of the text
                }
                compactor.add(parsed.fact(), line);
            }
        }
    }

    private Optional<Checkpoints.Header> usableCheckpoint(long liveNumber, Map<Long, Path> sealed) {
        Optional<Checkpoints.Header> header = new Checkpoints(segments).header(!rehearsal);
        if (header.isEmpty()) {
            return header;
        }
        Optional<Checkpoints.Position> at = header.map(Checkpoints.Header::position);
        Path file = at.get().segment() == liveNumber ? segments.live() : sealed.get(at.get().segment());
        try {
            if (file == null || !Files.exists(file) || Files.size(file) < at.get().offset()) {
                log().warn("journal checkpoint ignored: it points past what the journal holds (lost with an"
                        + " unsynced write?) segment={} offset={} file={}", at.get().segment(), at.get().offset(), file);
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return header;
    }

    /**
     * Runs {@code producer} on a parse thread, which puts batches of parsed lines on the
     * queue, and applies them here; returns {checkpoint facts, segment facts}.
     */
    private long[] read(Consumer<BlockingQueue<List<Parsed>>> producer, Consumer<Observation> consumer,
                        Consumer<CheckpointRecord> records) {
        BlockingQueue<List<Parsed>> queue = new ArrayBlockingQueue<>(64);
        RuntimeException[] failed = {null};
        Thread parser = new Thread(() -> {
            try {
                producer.accept(queue);
            } catch (RuntimeException e) {
                failed[0] = e;
            } finally {
                putQuietly(queue, END);
            }
        }, "respawn-journal-recovery-parse");
        parser.setDaemon(true);
        parser.start();
        long[] facts = {0, 0};
        try {
            List<Parsed> batch;
            while ((batch = queue.take()) != END) {
                apply(batch, consumer, records, facts);
            }
            parser.join();
        } catch (InterruptedException e) {
            parser.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("journal recovery interrupted", e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return facts;
    }

    private static void apply(List<Parsed> batch, Consumer<Observation> consumer, Consumer<CheckpointRecord> records,
                              long[] facts) {
        for (Parsed parsed : batch) {
            if (parsed.fact() == null) {
                records.accept(parsed.record());
            } else {
                consumer.accept(parsed.fact());
                facts[parsed.checkpoint() ? 0 : 1]++;
            }
        }
    }

    private void parse(Segment segment, BlockingQueue<List<Parsed>> queue) {
        try (InputStream in = Files.newInputStream(segment.file())) {
            long line = 0;                                    // counted from the offset; see linesBefore
            long before = segment.offset() == 0 ? 0 : -1;
            in.skipNBytes(segment.offset());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            Batches batches = new Batches(queue);
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#") || text.startsWith("{\"format\"")) {
                    continue;
                }
                Observation fact = FactJson.readHeartbeat(text);    // nearly every line: by hand, as replay reads it
                try {
                    if (fact == null) {
                        fact = FactJson.mapper().readValue(text, Observation.class);
                    }
                } catch (IOException | RuntimeException e) {
                    skipped++;
                    if (before < 0 && !rehearsal) {
                        before = linesBefore(segment.file(), segment.offset());
                    }
                    log().warn("journal line skipped: {}:{}: {}", segment.file(), before + line, e.getMessage());
                    continue;
                }
                if (fact instanceof MapInForce && !mapIds.add(fact.id())) {
                    continue;                                 // the map a new segment carries, seen already
                }
                compactor.add(fact, text);                    // here, off the thread applying the facts
                batches.add(new Parsed(fact, null, null, false));   // the compactor has its line
            }
            batches.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(segment.file() + " - cannot read journal segment", e);
        }
    }

    /** Hands parsed lines to the applying thread in batches of {@link #BATCH}. */
    private static final class Batches {
        private final BlockingQueue<List<Parsed>> queue;
        private List<Parsed> batch = new ArrayList<>(BATCH);

        Batches(BlockingQueue<List<Parsed>> queue) {
            this.queue = queue;
        }

        void add(Parsed parsed) {
            batch.add(parsed);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                putQuietly(queue, batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    /**
     * The lines of {@code file} before {@code offset}: counted only when a line after it
     * needs its number for a warning, since counting reads the segment from its start.
     */
    private static long linesBefore(Path file, long offset) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            long left = offset;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                left -= n;
            }
        }
        return lines;
    }

    private static void putQuietly(BlockingQueue<List<Parsed>> queue, List<Parsed> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("journal recovery interrupted", e);
        }
    }
}
