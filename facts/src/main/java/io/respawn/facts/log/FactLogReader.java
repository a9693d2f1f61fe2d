package io.respawn.facts.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.facts.Observation;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads a fact log line by line. The first line must be the header
 * ({@code {"format":"respawn-fact-log","version":1}}); blank lines and lines starting
 * with {@code #} are skipped. Every other line is one fact whose {@code id} is unique in
 * the log and whose {@code at} is not earlier than the fact before it.
 *
 * <p>A line that breaks these rules stops the reading with a {@link FactLogException}
 * naming the file and line, or, with {@link BadLines#SKIP}, is reported to the
 * given handler and skipped.
 *
 * <p>A journal checkpoint (first line {@code # checkpoint segment=N offset=N}) may also hold
 * {@link CheckpointRecord} lines; they are read only when asked for
 * ({@link #withCheckpointRecords}), only in a checkpoint and only in their order (begin
 * before the first fact, silences among the facts, the heartbeat states after the last
 * fact, the end last), and a record that breaks this is never skipped: without it the
 * state a checkpoint restores would be wrong.
 */
public final class FactLogReader implements Closeable {
    /** What to do with a line that cannot be read. */
    public enum BadLines { STOP, SKIP }

    /** How a journal checkpoint begins. */
    private static final String CHECKPOINT_FIRST_LINE = "# checkpoint ";

    private final BufferedReader in;
    private final String source;
    private final Path base;
    private final BadLines badLines;
    private final Consumer<FactLogException> onSkipped;
    private final ObjectMapper mapper = FactJson.mapper();
    private final SeenIds ids = new SeenIds();
    private long line;
    private String lastText;
    private Instant last = Instant.EPOCH;
    private boolean headerSeen;
    private Consumer<CheckpointRecord> records;
    private boolean checkpoint;
    private boolean factSeen;
    private boolean begun;
    private int states;
    private boolean ended;

    private FactLogReader(BufferedReader in, String source, Path base, BadLines badLines,
                          Consumer<FactLogException> onSkipped) {
        this.in = in;
        this.source = source;
        this.base = base;
        this.badLines = badLines;
        this.onSkipped = onSkipped;
    }

    public static FactLogReader open(Path file) {
        return open(file, BadLines.STOP, e -> { });
    }

    public static FactLogReader open(Path file, BadLines badLines, Consumer<FactLogException> onSkipped) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return new FactLogReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), dir,
                    badLines, onSkipped);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot open fact log", e);
        }
    }

    public static FactLogReader of(BufferedReader in, String source) {
        return new FactLogReader(in, source, Path.of("").toAbsolutePath(), BadLines.STOP, e -> { });
    }

    /**
     * Reads from {@code in} (for example a stream whose position shows progress), naming
     * lines after {@code source} and resolving map files against the directory {@code base}.
     */
    public static FactLogReader of(BufferedReader in, String source, Path base, BadLines badLines,
                                   Consumer<FactLogException> onSkipped) {
        return new FactLogReader(in, source, base, badLines, onSkipped);
    }

    public String source() {
        return source;
    }

    /**
     * Hands the records of a checkpoint to {@code sink}, each in its place among the facts:
     * before {@link #next} returns the fact after it. Without this a record is an error. A
     * failure of {@code sink} is reported as a problem of the record's line.
     */
    public FactLogReader withCheckpointRecords(Consumer<CheckpointRecord> sink) {
        this.records = sink;
        return this;
    }

    /** The next fact, or null at the end of the log. */
    public LogEntry next() {
        String text;
        while ((text = readLine()) != null) {
            line++;
            String trimmed = text.strip();
            if (line == 1 && trimmed.startsWith(CHECKPOINT_FIRST_LINE)) {
                checkpoint = true;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (headerSeen && isRecord(trimmed)) {
                record(trimmed);                              // never skipped
                continue;
            }
            try {
                if (!headerSeen) {
                    checkHeader(trimmed);
                    headerSeen = true;
                    continue;
                }
                checkFactPlace();
                LogEntry entry = new LogEntry(line, parse(trimmed));
                lastText = trimmed;
                return entry;
            } catch (FactLogException e) {
                if (badLines == BadLines.STOP || !headerSeen) {
                    throw e;
                }
                onSkipped.accept(e);
            }
        }
        if (!headerSeen) {
            throw new FactLogException(source, Math.max(line, 1), "empty fact log: the first line must be "
                    + FactLogWriter.HEADER, null);
        }
        if (begun && !ended) {
            throw bad("the checkpoint ends without its end record: it was cut short", null);
        }
        return null;
    }

    /**
     * The line the last fact {@link #next} returned was read from, without the spaces
     * around it; null before the first. A map fact that names a file carries that file's
     * text, which its line does not.
     */
    public String lastText() {
        return lastText;
    }

    private static boolean isRecord(String text) {
        if (text.startsWith(CheckpointRecord.PREFIX)) {
            return true;
        }
        return !text.startsWith("{\"type\":") && text.contains("\"checkpoint\"") && isRecordTree(text);
    }

    private static boolean isRecordTree(String text) {
        try {
            JsonNode node = FactJson.mapper().readTree(text);
            return node.has("checkpoint") && !node.has("type");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void record(String text) {
        CheckpointRecord record;
        try {
            record = mapper.readValue(text, CheckpointRecord.class);
        } catch (JsonProcessingException e) {
            String problem = describe(e);
            throw bad(problem.startsWith("checkpoint ") ? problem : "checkpoint record: " + problem, e);
        }
        if (!checkpoint) {
            throw bad("a checkpoint record stands only in a journal checkpoint (a log whose first line is"
                    + " '# checkpoint segment=N offset=N'), not in a fact log or a journal segment", null);
        }
        if (records == null) {
            throw bad("a checkpoint record: only recovery reads a checkpoint; replay the journal's"
                    + " segments instead", null);
        }
        checkRecordPlace(record);
        try {
            records.accept(record);
        } catch (RuntimeException e) {
            throw bad(e.getMessage(), e);
        }
    }

    private void checkRecordPlace(CheckpointRecord record) {
        if (ended) {
            throw bad("nothing follows the end record of a checkpoint", null);
        }
        if (record instanceof CheckpointRecord.Begin) {
            if (begun || factSeen) {
                throw bad("the begin record comes once, before the first fact of a checkpoint", null);
            }
            begun = true;
            return;
        }
        if (!begun) {
            throw bad("a checkpoint record before the begin record", null);
        }
        if (record instanceof CheckpointRecord.Silence silence) {
            if (states > 0) {
                throw bad("a heartbeat-silent record after the heartbeat states: they close a checkpoint", null);
            }
            inTimeOrder(silence.at());
        } else if (record instanceof CheckpointRecord.Liveness) {
            states++;
        } else if (record instanceof CheckpointRecord.End end) {
            if (end.components() != states) {
                throw bad("the end record counts " + end.components() + " heartbeat states, the checkpoint holds "
                        + states, null);
            }
            inTimeOrder(end.at());
            ended = true;
        }
    }

    private void checkFactPlace() {
        if (ended) {
            throw bad("nothing follows the end record of a checkpoint", null);
        }
        if (states > 0) {
            throw bad("a fact after the heartbeat states: they close a checkpoint", null);
        }
        factSeen = true;
    }

    private void inTimeOrder(Instant at) {
        if (at.isBefore(last)) {
            throw bad("at " + FactJson.format(at) + " is earlier than the fact before it (" + FactJson.format(last)
                    + "): a fact log is in time order", null);
        }
        last = at;
    }

    private void checkHeader(String text) {
        JsonNode header;
        try {
            header = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("the first line must be the header " + FactLogWriter.HEADER + ", not: " + abbreviate(text), e);
        }
        if (!FactLogWriter.FORMAT.equals(header.path("format").asText())) {
            throw bad("the first line must be the header " + FactLogWriter.HEADER + ", not: " + abbreviate(text), null);
        }
        int version = header.path("version").asInt(-1);
        if (version != FactLogWriter.VERSION) {
            throw bad("unsupported fact log version " + header.path("version") + " (this respawn reads version "
                    + FactLogWriter.VERSION + ")", null);
        }
    }

    private Observation parse(String text) {
        Observation fact = HeartbeatLine.parse(text);
        if (fact == null) {
            try {
                fact = text.contains("\"file\"") ? readMapFile(text) : mapper.readValue(text, Observation.class);
            } catch (JsonProcessingException e) {
                throw bad(ObservationFields.unknownIn(mapper, text).orElseGet(() -> describe(e)), e);
            }
        }
        if (!ids.add(fact.id())) {
            throw bad("duplicate id \"" + fact.id() + "\"", null);
        }
        if (fact.at().isBefore(last)) {
            throw bad("at " + FactJson.format(fact.at()) + " is earlier than the fact before it ("
                    + FactJson.format(last) + "): a fact log is in time order", null);
        }
        last = fact.at();
        return fact;
    }

    /**
     * A map fact may name a YAML file ({@code "file": "map.yaml"}, relative to the log)
     * instead of carrying the text: handy in hand-written logs. The fact read carries the
     * file's text, so what follows never sees the difference.
     */
    private Observation readMapFile(String text) throws JsonProcessingException {
        JsonNode node = mapper.readTree(text);
        if (!"map".equals(node.path("type").asText()) || !node.has("file")) {
            return mapper.readValue(text, Observation.class);
        }
        String name = node.get("file").asText();
        Path file = base.resolve(name);
        com.fasterxml.jackson.databind.node.ObjectNode map = (com.fasterxml.jackson.databind.node.ObjectNode) node;
        map.remove("file");
        try {
            map.put("yaml", Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw bad("map file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!map.has("source")) {
            map.put("source", name);
        }
        return mapper.treeToValue(map, Observation.class);
    }

    private static String describe(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException) {
            return root.getMessage();
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (for ");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private FactLogException bad(String problem, Throwable cause) {
        return new FactLogException(source, line, problem, cause);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ":" + line + " - cannot read fact log", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + " - cannot close fact log", e);
        }
    }
}
