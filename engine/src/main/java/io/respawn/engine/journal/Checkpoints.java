package io.respawn.engine.journal;

import io.respawn.facts.log.FactLogWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint file and the retention of sealed segments. A checkpoint is a fact log
 * whose first line is a comment naming where the journal goes on after it:
 * {@code # checkpoint segment=3 offset=1048576}; it is written to a temporary file, forced,
 * and renamed over the previous one, so a crash leaves the old or the new one whole.
 */
final class Checkpoints {
    /** A place in the journal: segment number and byte offset in it. */
    record Position(long segment, long offset) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern FIRST = Pattern.compile("# checkpoint segment=(\\d+) offset=(\\d+)");

    private final Segments segments;

    Checkpoints(Segments segments) {
        this.segments = segments;
    }

    void write(Position at, List<String> lines) {
        Path target = segments.checkpoint();
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(Journal.OWNER_ONLY)));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
                out.write("# checkpoint segment=" + at.segment() + " offset=" + at.offset() + "\n");
                out.write(FactLogWriter.HEADER);
                out.write('\n');
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                channel.force(false);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("journal checkpoint written file={} segment={} offset={} facts={}", target, at.segment(),
                    at.offset(), lines.size());
        } catch (IOException e) {
            LOG.warn("journal checkpoint not written; recovery replays more of the journal file={} error={}",
                    target, e.getMessage());
        }
    }

    /** The position the checkpoint file names, if there is a readable one. */
    Optional<Position> position() {
        Path file = segments.checkpoint();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            Matcher m = FIRST.matcher(first == null ? "" : first);
            if (!m.matches()) {
                LOG.warn("journal checkpoint ignored: its first line is not '# checkpoint segment=N offset=N' file={}",
                        file);
                return Optional.empty();
            }
            return Optional.of(new Position(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("journal checkpoint ignored: unreadable file={} error={}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Deletes (or moves to the archive) the sealed segments past the retention limits that
     * the checkpoint no longer needs.
     */
    void retain(Retention retention) {
        if (retention.keepsAll()) {
            return;
        }
        Optional<Position> checkpoint = position();
        if (checkpoint.isEmpty()) {
            return;                                           // recovery needs every segment
        }
        TreeMap<Long, Path> sealed = segments.sealed();
        int excess = retention.segments() == 0 ? 0 : Math.max(0, sealed.size() - retention.segments());
        Instant oldest = retention.age() == null ? null : Instant.now().minus(retention.age());
        for (Map.Entry<Long, Path> segment : sealed.entrySet()) {
            if (segment.getKey() >= checkpoint.get().segment()) {
                break;
            }
            boolean tooMany = excess > 0;
            boolean tooOld = oldest != null && modified(segment.getValue()).isBefore(oldest);
            if (!tooMany && !tooOld) {
                continue;
            }
            excess--;
            remove(segment.getValue(), retention.archive(), tooMany ? "count" : "age");
        }
    }

    private static Instant modified(Path file) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return time.toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    private static void remove(Path file, Path archive, String why) {
        try {
            if (archive == null) {
                Files.delete(file);
                LOG.info("journal segment deleted by retention file={} limit={}", file, why);
            } else {
                Files.createDirectories(archive);
                Files.move(file, archive.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                LOG.info("journal segment archived by retention file={} archive={} limit={}", file, archive, why);
            }
        } catch (IOException e) {
            LOG.warn("journal segment not removed file={} error={}", file, e.getMessage());
        }
    }
}
