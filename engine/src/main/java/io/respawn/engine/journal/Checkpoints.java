package io.respawn.engine.journal;

import io.respawn.facts.log.FactLogWriter;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint file and the retention of sealed segments. A checkpoint is a fact log
 * whose first line is a comment naming where the journal goes on after it and sealing
 * what follows: {@code # checkpoint segment=3 offset=1048576 bytes=5309234 crc32c=1f2e3d4c}
 * (the length and CRC-32C of every byte after that line). It is written to a temporary
 * file, forced, and renamed over the previous one, so a crash leaves the old or the new
 * one whole; the seal lets recovery tell a whole one from a damaged one before it parses
 * a line, so it can apply the facts as they are parsed. A checkpoint written before the
 * seal (no {@code bytes=} and {@code crc32c=}) is still read.
 */
final class Checkpoints {
    /** A place in the journal: segment number and byte offset in it. */
    record Position(long segment, long offset) {
    }

    /** The length and CRC-32C of a checkpoint's bytes after its first line. */
    record Seal(long bytes, int crc) {
        static Seal of(byte[] body, int from) {
            CRC32C crc = new CRC32C();
            crc.update(body, from, body.length - from);
            return new Seal(body.length - from, (int) crc.getValue());
        }

        @Override
        public String toString() {
            return "bytes=" + bytes + " crc32c=" + String.format(Locale.ROOT, "%08x", crc);
        }
    }

    /** What the first line of a checkpoint says: where the journal goes on, and the seal if it has one. */
    record Header(Position position, Optional<Seal> seal) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern FIRST = Pattern.compile(
            "# checkpoint segment=(\\d+) offset=(\\d+)(?: bytes=(\\d+) crc32c=([0-9a-f]{8}))?");

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
            byte[] body = body(lines);
            String first = "# checkpoint segment=" + at.segment() + " offset=" + at.offset() + " "
                    + Seal.of(body, 0) + "\n";
            ByteBuffer[] file = {ByteBuffer.wrap(first.getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(body)};
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                while (file[1].hasRemaining()) {
                    channel.write(file);
                }
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

    private static byte[] body(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 128 + 64);
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        try {
            out.write(FactLogWriter.HEADER);
            out.write('\n');
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);                // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** The position the checkpoint file names, if there is a readable one. */
    Optional<Position> position() {
        return header().map(Header::position);
    }

    /** The checkpoint file's first line, if there is a readable one. */
    Optional<Header> header() {
        return header(true);
    }

    /** As {@link #header()}; {@code warn} false leaves telling why a checkpoint is ignored to the recovery. */
    Optional<Header> header(boolean warn) {
        Path file = segments.checkpoint();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            Matcher m = FIRST.matcher(first == null ? "" : first);
            if (!m.matches()) {
                if (warn) {
                    LOG.warn("journal checkpoint ignored: its first line is not '# checkpoint segment=N offset=N"
                            + " bytes=N crc32c=X' file={}", file);
                }
                return Optional.empty();
            }
            Position at = new Position(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            Optional<Seal> seal = m.group(3) == null ? Optional.empty()
                    : Optional.of(new Seal(Long.parseLong(m.group(3)), Integer.parseUnsignedInt(m.group(4), 16)));
            return Optional.of(new Header(at, seal));
        } catch (IOException | NumberFormatException e) {
            if (warn) {
                LOG.warn("journal checkpoint ignored: unreadable file={} error={}", file, e.getMessage());
            }
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
