package io.respawn.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader.BadLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
    private static final String MAP = """
            version: 1
            defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
            root:
              group: root
              children:
                - component: db
                  command: [sleep, "86400"]
            """;
    private static RuleBase rules;

    @TempDir
    Path dir;

    private record Report(long bytesRead, long bytesTotal, long facts) {
    }

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    /** A map fact, then {@code ticks} ticks a millisecond apart; {@code bad} replaces the line with that number. */
    private Path log(int ticks, int badLine) throws IOException {
        Files.writeString(dir.resolve("map.yaml"), MAP);
        StringBuilder text = new StringBuilder("{\"format\":\"respawn-fact-log\",\"version\":1}\n");
        text.append("{\"type\":\"map\",\"id\":\"m1\",\"at\":\"").append(T0).append("\",\"file\":\"map.yaml\"}\n");
        for (int i = 1; i <= ticks; i++) {
            if (i + 2 == badLine) {
                text.append("{\"type\":\"tick\",\"id\":\"bad\"\n");
            } else {
                text.append("{\"type\":\"tick\",\"id\":\"t").append(i).append("\",\"at\":\"")
                        .append(T0.plusMillis(i)).append("\"}\n");
            }
        }
        return Files.writeString(dir.resolve("day.jsonl"), text);
    }

    @Test
    void longLog_reportsProgressAtStartEveryThousandFactsAndAtTheEnd() throws IOException {
        Path log = log(3_000, 0);
        long size = Files.size(log);
        List<Report> reports = new ArrayList<>();

        ReplaySummary summary = new Replay(rules, null, BadLines.STOP).run(log, d -> { }, e -> { },
                (read, total, facts) -> reports.add(new Report(read, total, facts)));

        assertThat(summary.facts()).isEqualTo(3_001);
        assertThat(reports).extracting(Report::facts).containsExactly(0L, 1024L, 2048L, 3001L);
        assertThat(reports).allSatisfy(r -> assertThat(r.bytesTotal()).isEqualTo(size));
        assertThat(reports.get(0).bytesRead()).isZero();
        assertThat(reports.get(1).bytesRead()).isPositive().isLessThanOrEqualTo(reports.get(2).bytesRead());
        assertThat(reports.get(3).bytesRead()).isEqualTo(size);
    }

    @Test
    void badLineSkipped_isCountedAndNamed() throws IOException {
        Path log = log(10, 5);
        List<FactLogException> skipped = new ArrayList<>();

        ReplaySummary summary = new Replay(rules, null, BadLines.SKIP).run(log, d -> { }, skipped::add);

        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.facts()).isEqualTo(10);
        assertThat(skipped).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith(log + ":5: "));
        assertThat(summary.simulated()).hasMillis(10);
    }

    @Test
    void badLine_stopsTheReplayNamingFileAndLine() throws IOException {
        Path log = log(10, 5);

        assertThatThrownBy(() -> new Replay(rules, null, BadLines.STOP).run(log, d -> { }, e -> { }))
                .isInstanceOf(FactLogException.class).hasMessageStartingWith(log + ":5: ");
    }
}
