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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's record of every fact it received, in the fact-log format, appended
 * before the rules see the facts. Each {@link #append} is written and forced to disk
 * (fsync) as one group: an agent's facts are acknowledged only after that returns.
 *
 * <p>On open, a last line without its newline (the engine died while writing it) is cut
 * off with a warning: that fact was never acknowledged, and its agent sends it again.
 * The file is created readable by its owner only.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;
    private long facts;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
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
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(batch.size() * 160);
        for (Observation fact : batch) {
            text.append(FactLogWriter.line(fact)).append('\n');
        }
        write(text.toString().getBytes(StandardCharsets.UTF_8));
        facts += batch.size();
    }

    private void write(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot append to journal (" + bytes.length + " bytes)", e);
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
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot close journal", e);
        }
    }
}
