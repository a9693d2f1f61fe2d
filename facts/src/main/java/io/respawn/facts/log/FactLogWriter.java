package io.respawn.facts.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes a fact log: the header line, then one fact per line. Not thread-safe. */
public final class FactLogWriter implements AutoCloseable {
    static final String FORMAT = "respawn-fact-log";
    static final int VERSION = 1;
    /** The first line of every fact log. */
    public static final String HEADER = "{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + "}";

    private final Writer out;

    public FactLogWriter(Writer out) {
        this.out = out;
        write(HEADER);
    }

    public void append(Observation fact) {
        write(line(fact));
    }

    /** One fact as the log writes it, without the newline. */
    public static String line(Observation fact) {
        if (fact instanceof Heartbeat beat) {
            String line = HeartbeatLine.format(beat);
            if (line != null) {
                return line;
            }
        }
        try {
            return FactJson.mapper().writerFor(Observation.class).writeValueAsString(fact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write fact " + fact.id(), e);
        }
    }

    /** One checkpoint record as a checkpoint writes it, without the newline. */
    public static String line(CheckpointRecord record) {
        try {
            return FactJson.mapper().writerFor(CheckpointRecord.class).writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write checkpoint record " + record, e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush fact log", e);
        }
    }

    private void write(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fact log", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close fact log", e);
        }
    }
}
