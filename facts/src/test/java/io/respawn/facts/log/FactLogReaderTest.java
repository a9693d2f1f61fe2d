package io.respawn.facts.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.Tick;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactLogReaderTest {
    private static final String HEADER = FactLogWriter.HEADER;
    private static final String TICK_1 = "{\"type\":\"tick\",\"id\":\"t1\",\"at\":\"2026-11-27T10:00:01.000Z\"}";

    @TempDir
    Path dir;

    private static List<Observation> readAll(String text) {
        List<Observation> facts = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(text)), "day.jsonl")) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                facts.add(entry.fact());
            }
        }
        return facts;
    }

    @Test
    void writtenLog_readsBackEqual() {
        Instant at = Instant.parse("2026-11-27T10:00:02Z");
        List<Observation> facts = List.of(
                new MapInForce("m1", at, "x.yaml", "version: 1\n"),
                new Heartbeat("h1", at, ComponentId.of("web"), "n1:10", HeartbeatStatus.DEGRADED, 4, at),
                new ProcessExited("e1", at.plusMillis(1), ComponentId.of("web"), "n1", 10, null, 9, false, null),
                new Tick("t1", at.plusMillis(2)));
        StringWriter out = new StringWriter();
        try (FactLogWriter writer = new FactLogWriter(out)) {
            facts.forEach(writer::append);
        }

        assertThat(out.toString()).startsWith(HEADER + "\n").contains("\"at\":\"2026-11-27T10:00:02.000Z\"")
                .doesNotContain("exitCode");
        assertThat(readAll(out.toString())).isEqualTo(facts);
    }

    @Test
    void handWrittenFlood_readsWithoutAComponentAndNotEnded() {
        String line = "{\"type\":\"heartbeat-flood\",\"id\":\"hf1\",\"at\":\"2026-11-27T10:00:05.010Z\","
                + "\"node\":\"node1\",\"source\":\"192.0.2.7\",\"since\":\"2026-11-27T10:00:00.000Z\","
                + "\"from\":\"2026-11-27T10:00:00.000Z\",\"to\":\"2026-11-27T10:00:05.000Z\",\"dropped\":4210,"
                + "\"limit\":100}";

        HeartbeatFlood flood = (HeartbeatFlood) readAll(HEADER + "\n" + line + "\n").get(0);

        assertThat(flood.component()).isNull();
        assertThat(flood.ended()).isFalse();
        assertThat(flood.first()).isTrue();
        assertThat(flood.dropped()).isEqualTo(4210);
        assertThat(FactLogWriter.line(flood)).isEqualTo(line.replace("}", ",\"ended\":false}"));
    }

    @Test
    void lastText_isTheLineOfTheFactJustRead_withoutItsSurroundingSpaces() {
        String tick2 = TICK_1.replace("t1", "t2").replace(":01.000", ":02.000");
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(
                HEADER + "\n  " + TICK_1 + " \n# a comment\n" + tick2 + "\n")), "day.jsonl")) {
            assertThat(reader.lastText()).isNull();
            reader.next();
            assertThat(reader.lastText()).isEqualTo(TICK_1);
            reader.next();
            assertThat(reader.lastText()).isEqualTo(tick2);
        }
    }

    @Test
    void commentsAndBlankLines_areSkipped() {
        assertThat(readAll(HEADER + "\n\n# the start of the day\n" + TICK_1 + "\n")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what is wrong                 | line 2 of the log                                                                           | message
            # not JSON at all
            not json                        | {"type":"tick","id":"t2",                                                                    | day.jsonl:3:
            # an unknown type
            unknown type                    | {"type":"tock","id":"t2","at":"2026-11-27T10:00:02.000Z"}                                    | day.jsonl:3: Could not resolve type id 'tock'
            # a misspelt field is an error, not a default
            misspelt field                  | {"type":"heartbeat","id":"h1","at":"2026-11-27T10:00:02.000Z","componnet":"web","gpid":"n1:1","status":"OK","seq":1} | day.jsonl:3: Unrecognized field "componnet"
            # the same id twice
            duplicate id                    | {"type":"tick","id":"t1","at":"2026-11-27T10:00:02.000Z"}                                    | day.jsonl:3: duplicate id "t1"
            # time runs backwards by one millisecond
            time order                      | {"type":"tick","id":"t2","at":"2026-11-27T10:00:00.999Z"}                                    | day.jsonl:3: at 2026-11-27T10:00:00.999Z is earlier than the fact before it
            # a value the record refuses
            negative seq                    | {"type":"heartbeat","id":"h1","at":"2026-11-27T10:00:02.000Z","component":"web","gpid":"n1:1","status":"OK","seq":-3} | day.jsonl:3: heartbeat.seq - must not be negative: -3
            # a bad time
            bad time                        | {"type":"tick","id":"t2","at":"10 o'clock"}                                                   | day.jsonl:3: bad time "10 o'clock"
            """)
    void badLine_isReportedWithItsLineNumber(String what, String line, String message) {
        assertThatThrownBy(() -> readAll(HEADER + "\n" + TICK_1 + "\n" + line + "\n"))
                .as(what).isInstanceOf(FactLogException.class).hasMessageStartingWith(message);
    }

    @Test
    void missingHeader_isRefused() {
        assertThatThrownBy(() -> readAll(TICK_1 + "\n")).hasMessageStartingWith("day.jsonl:1: the first line must be the header");
    }

    @Test
    void otherVersion_isRefused() {
        assertThatThrownBy(() -> readAll("{\"format\":\"respawn-fact-log\",\"version\":2}\n"))
                .hasMessageStartingWith("day.jsonl:1: unsupported fact log version 2");
    }

    @Test
    void badLinesWithSkip_areReportedAndSkipped() throws IOException {
        Path log = dir.resolve("day.jsonl");
        Files.writeString(log, HEADER + "\n" + TICK_1 + "\nnot json\n"
                + "{\"type\":\"tick\",\"id\":\"t2\",\"at\":\"2026-11-27T10:00:02.000Z\"}\n");
        List<FactLogException> skipped = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        try (FactLogReader reader = FactLogReader.open(log, FactLogReader.BadLines.SKIP, skipped::add)) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                ids.add(entry.fact().id() + "@" + entry.line());
            }
        }

        assertThat(ids).containsExactly("t1@2", "t2@4");
        assertThat(skipped).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void mapFactNamingAFile_carriesTheFilesText() throws IOException {
        Files.writeString(dir.resolve("tiers.yaml"), "version: 1\n");
        Path log = dir.resolve("day.jsonl");
        Files.writeString(log, HEADER + "\n{\"type\":\"map\",\"id\":\"m1\",\"at\":\"2026-11-27T10:00:00.000Z\","
                + "\"file\":\"tiers.yaml\"}\n");

        try (FactLogReader reader = FactLogReader.open(log)) {
            assertThat(reader.next().fact()).isEqualTo(
                    new MapInForce("m1", Instant.parse("2026-11-27T10:00:00Z"), "tiers.yaml", "version: 1\n"));
        }
    }

    // ---- checkpoint records ----

    private static final String CHECKPOINT = "# checkpoint segment=1 offset=99\n" + HEADER + "\n";
    private static final String BEGIN = "{\"checkpoint\":\"begin\"}";
    private static final String SILENCE = "{\"checkpoint\":\"heartbeat-silent\",\"at\":\"2026-11-27T10:00:04.000Z\","
            + "\"component\":\"web\",\"lastFactId\":\"t1\",\"lastSeenAt\":\"2026-11-27T10:00:01.000Z\",\"timeoutMs\":3000}";
    private static final String STATE = "{\"checkpoint\":\"heartbeat-state\",\"component\":\"web\",\"pid\":10,"
            + "\"awaitingFirst\":false,\"status\":\"OK\",\"seq\":7,\"lastFactId\":\"t1\","
            + "\"lastSeenAt\":\"2026-11-27T10:00:01.000Z\",\"timeoutMs\":3000,\"armed\":false,\"suspended\":false}";
    private static final String END = "{\"checkpoint\":\"end\",\"at\":\"2026-11-27T10:00:05.000Z\",\"components\":1,"
            + "\"ignored\":2}";
    private static final String TICK_5 = "{\"type\":\"tick\",\"id\":\"t5\",\"at\":\"2026-11-27T10:00:05.000Z\"}";

    /** Reads a checkpoint; facts as their ids, records as their kind. */
    private static List<String> readCheckpoint(String text) {
        List<String> read = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(text)), "cp.jsonl")
                .withCheckpointRecords(r -> read.add(r.getClass().getSimpleName()))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                read.add(entry.fact().id());
            }
        }
        return read;
    }

    @Test
    void checkpointRecords_areHandedOverInTheirPlaceAmongTheFacts() {
        assertThat(readCheckpoint(CHECKPOINT + BEGIN + "\n" + TICK_1 + "\n" + SILENCE + "\n" + TICK_5 + "\n" + STATE
                + "\n" + END + "\n"))
                .containsExactly("Begin", "t1", "Silence", "t5", "Liveness", "End");
    }

    @Test
    void checkpointRecords_writtenAndReadBack_areEqual() throws IOException {
        CheckpointRecord state = new CheckpointRecord.Liveness(ComponentId.of("web"), null, true, null, -1, null, null,
                0, false, false);
        String line = FactLogWriter.line(state);
        assertThat(line).startsWith(CheckpointRecord.PREFIX).doesNotContain("pid");
        assertThat(FactJson.mapper().readValue(line, CheckpointRecord.class)).isEqualTo(state);
        assertThat(FactLogWriter.line(new CheckpointRecord.Begin())).isEqualTo(BEGIN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what is wrong                 | the log after the checkpoint's first two lines                  | message
            # a record where an agent's facts are read: no checkpoint comment on line 1
            not a checkpoint                | NOCHECKPOINT                                                    | cp.jsonl:2: a checkpoint record stands only in a journal checkpoint
            # a record whose kind is unknown
            unknown kind                    | {"checkpoint":"snapshot"}                                       | cp.jsonl:3: checkpoint record: Could not resolve type id 'snapshot'
            # a field the record refuses
            negative timeout                | BEGIN\\n{"checkpoint":"heartbeat-state","component":"web","seq":1,"timeoutMs":-5} | cp.jsonl:4: checkpoint heartbeat-state.timeoutMs - must not be negative: -5
            # a silence shown before its own deadline
            silence too early               | BEGIN\\n{"checkpoint":"heartbeat-silent","at":"2026-11-27T10:00:02.000Z","component":"web","lastFactId":"t1","lastSeenAt":"2026-11-27T10:00:01.000Z","timeoutMs":3000} | cp.jsonl:4: checkpoint heartbeat-silent.at - 2026-11-27T10:00:02.000Z is before its deadline
            # begin after a fact
            late begin                      | TICK\\nBEGIN                                                    | cp.jsonl:4: the begin record comes once, before the first fact
            # the end counts states the checkpoint does not hold
            end miscounts                   | BEGIN\\nEND                                                     | cp.jsonl:4: the end record counts 1 heartbeat states, the checkpoint holds 0
            # a fact after the end
            fact after end                  | BEGIN\\nSTATE\\nEND\\nTICK                                    | cp.jsonl:6: nothing follows the end record
            # cut short: no end
            no end                          | BEGIN\\nTICK                                                    | cp.jsonl:4: the checkpoint ends without its end record
            """)
    void badCheckpointRecord_isReportedWithItsLineNumber(String what, String lines, String message) {
        String body = lines.replace("\\n", "\n").replace("BEGIN", BEGIN).replace("STATE", STATE).replace("END", END)
                .replace("TICK", TICK_1);
        String text = body.startsWith("NOCHECKPOINT") ? HEADER + "\n" + SILENCE + "\n" : CHECKPOINT + body + "\n";
        assertThatThrownBy(() -> readCheckpoint(text))
                .as(what).isInstanceOf(FactLogException.class).hasMessageStartingWith(message);
    }

    @Test
    void checkpointRecord_withoutAskingForThem_isAnError_evenWhenSkippingBadLines() throws IOException {
        Path log = dir.resolve("cp.jsonl");
        Files.writeString(log, CHECKPOINT + BEGIN + "\n" + TICK_1 + "\n");
        try (FactLogReader reader = FactLogReader.open(log, FactLogReader.BadLines.SKIP, e -> { })) {
            assertThatThrownBy(reader::next).isInstanceOf(FactLogException.class)
                    .hasMessageContaining("cp.jsonl:3: a checkpoint record: only recovery reads a checkpoint");
        }
    }

    @Test
    void checkpointRecord_cannotBeReadAsAnObservation() {
        assertThatThrownBy(() -> FactJson.mapper().readValue(SILENCE, Observation.class))
                .hasMessageContaining("missing type id property 'type'");
    }
}
