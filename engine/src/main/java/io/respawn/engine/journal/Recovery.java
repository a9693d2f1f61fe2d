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
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Reads a journal back for recovery: the checkpoint if there is a usable one (it exists,
 * the position it names is in the journal, and it reads whole), then every segment line
 * after that position; without one, every segment kept. A second thread reads and parses
 * the lines and feeds the journal's {@link Compactor} while the caller's thread applies the
 * facts, so parsing and the rules overlap. It reads the checkpoint in full before handing
 * any of it over, so a damaged one is ignored (with a warning naming file and line) rather
 * than half applied. An unreadable segment line is skipped with a warning naming file and
 * line.
 */
final class Recovery {
    /** A fact or a checkpoint record, in journal order. */
    private record Parsed(Observation fact, CheckpointRecord record, boolean checkpoint) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int BATCH = 1024;
    private static final List<Parsed> END = List.of();

    private final Segments segments;
    private final Compactor compactor;
    private final Set<String> mapIds = new HashSet<>();
    private long skipped;

    Recovery(Segments segments, Compactor compactor) {
        this.segments = segments;
        this.compactor = compactor;
    }

    Journal.Recovered run(Consumer<Observation> consumer, Consumer<CheckpointRecord> records) {
        TreeMap<Long, Path> sealed = segments.sealed();
        long liveNumber = sealed.isEmpty() ? 1 : sealed.lastKey() + 1;
        Optional<Checkpoints.Position> start = usableCheckpoint(liveNumber, sealed);
        long first = sealed.isEmpty() ? liveNumber : sealed.firstKey();
        List<Segment> whole = parts(first, Optional.empty(), liveNumber, sealed);
        List<Segment> tail = start.map(at -> parts(at.segment(), start, liveNumber, sealed)).orElse(whole);
        boolean[] used = {false};
        long[] counts = read(queue -> {
            Optional<List<Parsed>> checkpoint = start.isPresent() ? readCheckpoint() : Optional.empty();
            used[0] = checkpoint.isPresent();
            if (checkpoint.isPresent()) {
                putQuietly(queue, checkpoint.get());
                feedCompactor(checkpoint.get());                // while the caller's thread applies it
            } else if (first > 1) {
                LOG.warn("journal recovery: no usable checkpoint and segments before {} are gone; the state is"
                        + " rebuilt from segment {} on file={}", first, first, segments.live());
            }
            for (Segment segment : used[0] ? tail : whole) {
                parse(segment, queue);
            }
        }, consumer, records);
        return new Journal.Recovered(counts[0] + counts[1], counts[0], counts[1], skipped, used[0]);
    }

    private record Segment(Path file, long offset) {
    }

    /** The segments from {@code from} to the live one, the first read from the checkpoint's offset if given. */
    private List<Segment> parts(long from, Optional<Checkpoints.Position> start, long liveNumber,
                                Map<Long, Path> sealed) {
        List<Segment> parts = new ArrayList<>();
        for (long n = from; n <= liveNumber; n++) {
            Path file = n == liveNumber ? segments.live() : sealed.get(n);
            if (file != null && Files.exists(file)) {
                long offset = start.isPresent() && n == start.get().segment() ? start.get().offset() : 0;
                parts.add(new Segment(file, offset));
            }
        }
        return parts;
    }

    /**
     * The checkpoint's facts and records in order; empty (with a warning) if it does not
     * read whole: a bad line, records out of place, cut short.
     */
    private Optional<List<Parsed>> readCheckpoint() {
        Path file = segments.checkpoint();
        List<Parsed> read = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(file)
                .withCheckpointRecords(record -> read.add(new Parsed(null, record, true)))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                read.add(new Parsed(entry.fact(), null, true));
            }
        } catch (FactLogException | UncheckedIOException e) {
            LOG.warn("journal checkpoint ignored: it does not read whole; every kept segment is replayed error={}",
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(read);
    }

    /** Gives the journal's compactor the checkpoint, so the next checkpoint starts from it. */
    private void feedCompactor(List<Parsed> checkpoint) {
        for (Parsed parsed : checkpoint) {
            if (parsed.fact() == null) {
                compactor.add(parsed.record());
            } else {
                if (parsed.fact() instanceof MapInForce) {
                    mapIds.add(parsed.fact().id());
                }
                compactor.add(parsed.fact(), FactLogWriter.line(parsed.fact()));
            }
        }
    }

    private Optional<Checkpoints.Position> usableCheckpoint(long liveNumber, Map<Long, Path> sealed) {
        Optional<Checkpoints.Position> at = new Checkpoints(segments).position();
        if (at.isEmpty()) {
            return at;
        }
        Path file = at.get().segment() == liveNumber ? segments.live() : sealed.get(at.get().segment());
        try {
            if (file == null || !Files.exists(file) || Files.size(file) < at.get().offset()) {
                LOG.warn("journal checkpoint ignored: it points past what the journal holds (lost with an"
                        + " unsynced write?) segment={} offset={} file={}", at.get().segment(), at.get().offset(), file);
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return at;
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
            long line = segment.offset() == 0 ? 0 : linesBefore(segment.file(), segment.offset());
            in.skipNBytes(segment.offset());
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            List<Parsed> batch = new ArrayList<>(BATCH);
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
                    LOG.warn("journal line skipped: {}:{}: {}", segment.file(), line, e.getMessage());
                    continue;
                }
                if (fact instanceof MapInForce && !mapIds.add(fact.id())) {
                    continue;                                 // the map a new segment carries, seen already
                }
                compactor.add(fact, text);                    // here, off the thread applying the facts
                batch.add(new Parsed(fact, null, false));
                if (batch.size() == BATCH) {
                    putQuietly(queue, batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                putQuietly(queue, batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(segment.file() + " - cannot read journal segment", e);
        }
    }

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
