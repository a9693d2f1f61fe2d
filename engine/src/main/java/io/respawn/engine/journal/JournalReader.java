package io.respawn.engine.journal;

import io.respawn.facts.MapInForce;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a journal kept in segments as one fact log: each segment in turn, with the map a
 * new segment carries skipped when the segment before it already gave it. Give it the
 * journal's directory, its live segment (with the sealed ones before it), or a list of
 * segment files; each segment is also a fact log of its own ({@link FactLogReader}).
 */
public final class JournalReader implements Closeable {
    private final List<Path> files;
    private final FactLogReader.BadLines badLines;
    private final Consumer<FactLogException> onSkipped;
    private final Set<String> mapIds = new HashSet<>();
    private FactLogReader current;
    private int next;

    private JournalReader(List<Path> files, FactLogReader.BadLines badLines, Consumer<FactLogException> onSkipped) {
        this.files = List.copyOf(files);
        this.badLines = badLines;
        this.onSkipped = onSkipped;
    }

    /**
     * The segments {@code given} stands for, in order: a directory holding one journal gives
     * all its segments; a live segment gives the sealed ones before it and itself; any other
     * file gives itself.
     */
    public static List<Path> segments(Path given) {
        return Segments.of(given);
    }

    /** Reads the files given, each expanded by {@link #segments}, in the order given. */
    public static JournalReader open(List<Path> given, FactLogReader.BadLines badLines,
                                     Consumer<FactLogException> onSkipped) {
        List<Path> files = new ArrayList<>();
        for (Path path : given) {
            files.addAll(segments(path));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no journal segment found in " + given);
        }
        return new JournalReader(files, badLines, onSkipped);
    }

    /** The segment being read (for messages). */
    public String source() {
        return current == null ? String.valueOf(files.get(Math.max(0, next - 1))) : current.source();
    }

    /** The next fact, or null after the last segment. */
    public LogEntry next() {
        while (true) {
            if (current == null) {
                if (next >= files.size()) {
                    return null;
                }
                current = FactLogReader.open(files.get(next++), badLines, onSkipped);
            }
            LogEntry entry = current.next();
            if (entry == null) {
                current.close();
                current = null;
                continue;
            }
            if (entry.fact() instanceof MapInForce && !mapIds.add(entry.fact().id())) {
                continue;                                     // carried into this segment from the one before
            }
            return entry;
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
