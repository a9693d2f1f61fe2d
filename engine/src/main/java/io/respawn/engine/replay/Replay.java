package io.respawn.engine.replay;

import io.respawn.engine.journal.JournalReader;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.map.RestartMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Replays a fact log through a rule base: each fact moves the oracle's clock to its
 * time and is shown to the rules, exactly as the live engine does, so the decisions
 * (ids included) are those the live run made with the same rules and map.
 *
 * <p>The replay ends at the last fact's time; a timeout due after it does not fire. A
 * log that should show a later timeout ends with a {@code tick}.
 */
public final class Replay {
    /** How many facts pass between two reports of progress. */
    static final int PROGRESS_EVERY_FACTS = 1024;

    /** Told now and then how far a replay has got: bytes of the log read so far, of how many, and facts replayed. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (bytesRead, bytesTotal, facts) -> { };

        void update(long bytesRead, long bytesTotal, long facts);
    }

    private final RuleBase rules;
    private final RestartMap mapOverride;
    private final FactLogReader.BadLines badLines;

    /**
     * @param mapOverride a map to use instead of the log's (what-if), or null
     */
    public Replay(RuleBase rules, RestartMap mapOverride, FactLogReader.BadLines badLines) {
        this.rules = rules;
        this.mapOverride = mapOverride;
        this.badLines = badLines;
    }

    /**
     * Replays {@code log}, telling {@code out} of every decision as it is made.
     *
     * @param skipped told of every unreadable line skipped (with {@link FactLogReader.BadLines#SKIP})
     * @throws FactLogException on an unreadable line (with {@link FactLogReader.BadLines#STOP})
     * @throws ReplayException when a fact cannot be applied (e.g. its map is invalid)
     */
    public ReplaySummary run(Path log, Consumer<ReplayedDecision> out, Consumer<FactLogException> skipped) {
        return run(log, out, skipped, Progress.NONE);
    }

    /**
     * Replays {@code log} as {@link #run(Path, Consumer, Consumer)} does, telling {@code progress}
     * where it is at the start, every {@value #PROGRESS_EVERY_FACTS} facts and at the end.
     */
    public ReplaySummary run(Path log, Consumer<ReplayedDecision> out, Consumer<FactLogException> skipped,
                             Progress progress) {
        List<Path> segments = JournalReader.segments(log);
        if (segments.size() != 1 || !segments.get(0).equals(log)) {
            return run(segments, out, skipped);      // a journal of several segments: no progress
        }
        long started = System.nanoTime();
        long[] skips = {0};
        FileChannel channel = open(log);
        long size = size(channel, log);
        try (Oracle oracle = new Oracle(rules, mapOverride);
             FactLogReader reader = FactLogReader.of(reader(channel), log.toString(),
                     log.toAbsolutePath().getParent(), badLines, e -> {
                         skips[0]++;
                         skipped.accept(e);
                     }).withCheckpointRecords(oracle::restore)) {   // a journal checkpoint replays too
            return feed(oracle, reader::next, reader::source, () -> position(channel, log), size, progress, out,
                    skips, started);
        }
    }

    private static FileChannel open(Path log) {
        try {
            return FileChannel.open(log);
        } catch (IOException e) {
            throw new UncheckedIOException(log + " - cannot open fact log", e);
        }
    }

    /** A strict UTF-8 reader: a byte sequence that is not UTF-8 is an error, not a replacement character. */
    private static BufferedReader reader(FileChannel channel) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8.newDecoder()));
    }

    private static long size(FileChannel channel, Path log) {
        try {
            return channel.size();
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException(log + " - cannot read the size of the fact log", e);
        }
    }

    private static long position(FileChannel channel, Path log) {
        try {
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException(log + " - cannot read the position in the fact log", e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Replays fact logs one after the other as one log: journal segments, a journal's
     * directory or its live segment (with the sealed ones before it); see {@link JournalReader}.
     */
    public ReplaySummary run(List<Path> logs, Consumer<ReplayedDecision> out, Consumer<FactLogException> skipped) {
        long started = System.nanoTime();
        long[] skips = {0};
        try (Oracle oracle = new Oracle(rules, mapOverride);
             JournalReader reader = JournalReader.open(logs, badLines, e -> {
                 skips[0]++;
                 skipped.accept(e);
             })) {
            return feed(oracle, reader::next, reader::source, () -> 0, 0, Progress.NONE, out, skips, started);
        }
    }

    /** Shows every entry {@code next} gives to {@code oracle} (a fresh one); tells {@code progress} where it is. */
    private ReplaySummary feed(Oracle oracle, Supplier<LogEntry> next, Supplier<String> source,
                               LongSupplier position, long size, Progress progress, Consumer<ReplayedDecision> out,
                               long[] skips, long started) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        long[] line = {0};
        long facts = 0;
        Instant first = null;
        Instant last = null;
        oracle.addListener(decision -> {
            byType.merge(DecisionText.type(decision), 1, Integer::sum);
            out.accept(new ReplayedDecision(decision, line[0]));
        });
        progress.update(0, size, 0);
        LogEntry entry;
        while ((entry = next.get()) != null) {
            line[0] = entry.line();
            facts++;
            if (facts % PROGRESS_EVERY_FACTS == 0) {
                progress.update(position.getAsLong(), size, facts);
            }
            if (first == null) {
                first = entry.fact().at();
            }
            last = entry.fact().at();
            try {
                oracle.accept(entry.fact());
            } catch (RuntimeException e) {
                throw new ReplayException(source.get() + ":" + entry.line() + ": " + e.getMessage(), e);
            }
        }
        progress.update(size, size, facts);
        return new ReplaySummary(facts, skips[0], byType, first, last, Duration.ofNanos(System.nanoTime() - started));
    }
}
