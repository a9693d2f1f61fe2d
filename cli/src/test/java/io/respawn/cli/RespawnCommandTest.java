package io.respawn.cli;

import static io.respawn.cli.CliRun.respawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RespawnCommandTest {
    private static final String MAP = """
            version: 1
            defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - component: db
                      command: [sleep, "86400"]
            """;
    private static final String LOG = """
            {"format":"respawn-fact-log","version":1}
            {"type":"map","id":"m1","at":"2026-11-27T10:00:00.000Z","file":"map.yaml"}
            {"type":"process-started","id":"s1","at":"2026-11-27T10:00:00.100Z","component":"db","node":"n1","pid":101}
            {"type":"process-exited","id":"e1","at":"2026-11-27T10:00:05.000Z","component":"db","node":"n1","pid":101,"signal":9,"expected":false}
            {"type":"process-started","id":"s2","at":"2026-11-27T10:00:05.300Z","component":"db","node":"n1","pid":102}
            {"type":"process-exited","id":"e2","at":"2026-11-27T10:00:06.000Z","component":"db","node":"n1","pid":102,"exitCode":3,"expected":false}
            """;

    @TempDir
    Path dir;



    private Path writeLog() throws IOException {
        Files.writeString(dir.resolve("map.yaml"), MAP);
        return Files.writeString(dir.resolve("day.jsonl"), LOG);
    }

    @Test
    void replayTwice_printsByteIdenticalJson() throws IOException {
        Path log = writeLog();

        CliRun first = respawn("replay", "--json", log.toString());
        CliRun second = respawn("replay", "--json", log.toString());

        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(second.out());
        assertThat(first.out().lines()).hasSize(3)
                .first().asString().startsWith("{\"type\":\"restart\",\"id\":\"d-").contains("\"group\":\"infra\"");
    }

    @Test
    void replay_printsDecisionsOnStdoutAndASummaryOnStderr() throws IOException {
        CliRun run = respawn("replay", writeLog().toString());

        assertThat(run.out()).contains("restart ", "escalate ", "rule=\"RS-10 ").doesNotContain("facts");
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.err()).containsPattern("^5 facts, 3 decisions \\(2 restart, 1 escalate\\); 6s of recorded "
                + "time \\(2026-11-27T10:00:00.000Z to 2026-11-27T10:00:06.000Z\\) replayed in [^:\n]+: [0-9.]+x "
                + "real time\n$");
    }

    @Test
    void replayWithAnotherMap_usesItInstead() throws IOException {
        Path log = writeLog();
        Path flat = Files.writeString(dir.resolve("flat.yaml"), """
                version: 1
                defaults: {node: n1}
                root:
                  group: everything
                  children:
                    - component: db
                      command: [sleep, "86400"]
                """);

        CliRun run = respawn("replay", "--json", "--map", flat.toString(), log.toString());

        assertThat(run.out().lines().findFirst()).hasValueSatisfying(
                line -> assertThat(line).contains("\"group\":\"everything\""));
    }

    @Test
    void checkOfABrokenMap_printsFileLineAndFails() throws IOException {
        Path map = Files.writeString(dir.resolve("bad.yaml"), MAP.replace("cureWindow: 10s", "cureWindow: 10 sec"));

        CliRun run = respawn("check", "--map", map.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(map + ":2: ").contains("10 sec");
    }

    @Test
    void checkOfBrokenRules_printsFileLineAndFails() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("mine.drl"), "package io.respawn.rules\n\nrule \"X-01 no end\"\nwhen\nthen\n");

        CliRun run = respawn("check", "--rules", rules.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(rules.resolve("mine.drl") + ":");
    }

    @Test
    void checkOfRulesTheConstraintJitCannotCompile_passesWithANoteNamingTheRule() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("mine.drl"), """
                package io.respawn.rules
                import io.respawn.facts.*;

                rule "X-02 A failure of a probe rule"
                when
                    Failure( rule str[startsWith] "FI-3" )
                then
                end
                """);

        CliRun run = respawn("check", "--rules", rules.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("rules ok: 1 files from " + rules,
                "note: every constraint runs interpreted (correct, slower): rule \"X-02 A failure of a probe rule\"",
                "s.startsWith(\"p\")");
    }

    @Test
    void replayOfAMalformedLog_namesTheLineAndFails() throws IOException {
        Files.writeString(dir.resolve("map.yaml"), MAP);
        Path log = Files.writeString(dir.resolve("day.jsonl"), LOG.replace("\"pid\":102}", "\"pid\":-2}"));

        CliRun run = respawn("replay", log.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(log + ":5: process-started.pid - must be positive: -2");
    }
}
