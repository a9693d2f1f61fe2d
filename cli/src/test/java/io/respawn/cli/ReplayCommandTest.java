package io.respawn.cli;

import static io.respawn.cli.CliRun.respawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code respawn replay}: stdout carries only decisions, stderr the summary and warnings,
 * progress only on a terminal; {@code --against} compares two rule sets and says so in its
 * exit code.
 */
class ReplayCommandTest {
    private static final Path DEFAULT_RULES = Path.of("../rules/src/main/resources/io/respawn/rules");
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
    // 5s: db crashes; RS-10 restarts infra. 6s: it crashes again within the cure window;
    // ESC-01 escalates to root and RS-10 restarts root.
    private static final String LOG = """
            {"format":"respawn-fact-log","version":1}
            {"type":"map","id":"m1","at":"2026-11-27T10:00:00.000Z","file":"map.yaml"}
            {"type":"process-started","id":"s1","at":"2026-11-27T10:00:00.100Z","component":"db","node":"n1","pid":101}
            {"type":"process-exited","id":"e1","at":"2026-11-27T10:00:05.000Z","component":"db","node":"n1","pid":101,"signal":9,"expected":false}
            {"type":"process-started","id":"s2","at":"2026-11-27T10:00:05.300Z","component":"db","node":"n1","pid":102}
            {"type":"process-exited","id":"e2","at":"2026-11-27T10:00:06.000Z","component":"db","node":"n1","pid":102,"exitCode":3,"expected":false}
            """;
    private static final String ESC_01 = "rule \"ESC-01 A failure within the cure window of the last restart escalates";

    @TempDir
    Path dir;



    private Path log(String text) throws IOException {
        Files.writeString(dir.resolve("map.yaml"), MAP);
        return Files.writeString(dir.resolve("day.jsonl"), text);
    }

    /** A copy of the default rules with {@code edit} applied to the escalation rules. */
    private Path editedRules(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path rules = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(DEFAULT_RULES)) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Path escalation = rules.resolve("20-restart-escalation.drl");
        String original = Files.readString(escalation);
        String edited = edit.apply(original);
        assertThat(edited).as("the edit applies to " + escalation).isNotEqualTo(original);
        Files.writeString(escalation, edited);
        return rules;
    }

    /** ESC-01 never fires: a second failure within the cure window is no longer escalated. */
    private static String withoutEsc01(String drl) {
        int rule = drl.indexOf(ESC_01);
        int when = drl.indexOf("when\n", rule) + "when\n".length();
        return rule < 0 ? drl : drl.substring(0, when) + "    eval( false )\n" + drl.substring(when);
    }

    @Test
    void replayTwice_printsByteIdenticalDecisions() throws IOException {
        Path log = log(LOG);

        CliRun first = respawn("replay", log.toString());
        CliRun second = respawn("replay", log.toString());

        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(second.out()).isNotEmpty();
        assertThat(first.err()).isNotEqualTo(first.out());
    }

    @Test
    void malformedLine_stopsWithFileLineAndFails() throws IOException {
        Path log = log(LOG.replace("\"pid\":102}", "\"pid\":-2}"));

        CliRun run = respawn("replay", log.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith(log + ":5: process-started.pid - must be positive: -2");
        assertThat(run.out().lines()).as("the decisions before the bad line").singleElement().asString()
                .contains("restart", "group=infra for=db", "(line 4)");
    }

    @Test
    void malformedLinesSkipped_areNamedAndCounted() throws IOException {
        Path log = log(LOG.replace("\"pid\":102}", "\"pid\":-2}").replace("\"id\":\"s1\",", "\"id\":\"s1\""));

        CliRun run = respawn("replay", "--skip-bad", log.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err().lines()).hasSize(3);
        assertThat(run.err().lines().toList().get(0)).startsWith(log + ":3: skipped: ");
        assertThat(run.err().lines().toList().get(1))
                .isEqualTo(log + ":5: skipped: process-started.pid - must be positive: -2");
        assertThat(run.err().lines().toList().get(2)).startsWith("3 facts, ").contains(", 2 bad lines skipped; ");
    }

    @Test
    void againstTheSameRules_saysNothingDiffersAndExitsZero() throws IOException {
        CliRun run = respawn("replay", log(LOG).toString(), "--rules", "default", "--against", "default");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                --- A: default rules (3 decisions)
                +++ B: default rules (3 decisions)
                no decision differs (3 the same)
                """);
        assertThat(run.err()).contains("A: 5 facts, 3 decisions", "B: 5 facts, 3 decisions");
    }

    @Test
    void againstRenamedRule_isNoDifference() throws IOException {
        // Renaming ESC-01 changes the escalation's id and the evidence of the restart after it, not what they decide.
        Path renamed = editedRules("renamed", drl -> drl.replace("\"ESC-01 A failure", "\"ESC-01b A failure"));

        CliRun run = respawn("replay", log(LOG).toString(), "--against", renamed.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).endsWith("no decision differs (3 the same)\n");
    }

    @Test
    void againstRulesThatDecideOtherwise_printsTheDifferencesAndExitsOne() throws IOException {
        Path b = editedRules("no-esc-01", ReplayCommandTest::withoutEsc01);

        CliRun run = respawn("replay", log(LOG).toString(), "--against", b.toString());

        assertThat(run.exit()).isEqualTo(ReplayCommand.DIFFERENT);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("--- A: default rules (3 decisions)");
        assertThat(lines.get(1)).isEqualTo("+++ B: " + b + " (1 decision)");
        assertThat(lines.get(2)).startsWith("- 2026-11-27T10:00:06.000Z  escalate").contains("infra -> root for=db",
                "rule=\"ESC-01 ", "(line 6)");
        assertThat(lines.get(3)).startsWith("- 2026-11-27T10:00:06.000Z  restart").contains("group=root for=db");
        assertThat(lines.get(4)).isEqualTo("2 decisions differ: 2 only in A, 0 only in B, 0 changed; 1 the same");
    }

    @Test
    void againstRulesThatDoNotExist_exitsTwo() throws IOException {
        Path missing = dir.resolve("no-such-rules");

        CliRun run = respawn("replay", log(LOG).toString(), "--against", missing.toString());

        assertThat(run.exit()).isEqualTo(ReplayCommand.TROUBLE);
        assertThat(run.err()).contains(missing.toString(), "not a directory of .drl files");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void againstWithABadLine_exitsTwoNamingTheLine() throws IOException {
        Path log = log(LOG.replace("\"pid\":102}", "\"pid\":-2}"));

        CliRun run = respawn("replay", log.toString(), "--against", "default");

        assertThat(run.exit()).isEqualTo(ReplayCommand.TROUBLE);
        assertThat(run.err()).startsWith(log + ":5: ");
    }

    @Test
    void optionsOnlyForAgainst_areRefusedWithout() throws IOException {
        Path log = log(LOG);

        CliRun within = respawn("replay", log.toString(), "--within", "5s");
        CliRun json = respawn("replay", log.toString(), "--json", "--against", "default");

        assertThat(within.exit()).isEqualTo(2);
        assertThat(within.err()).startsWith("--within goes only with --against");
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.err()).startsWith("--json does not go with --against");
    }

    @Test
    void piped_showsNoProgress() throws Exception {
        Path log = log(LOG);

        Process replay = java("replay", log.toString()).start();
        String out = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(replay.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finish(replay)).isZero();
        assertThat(out.lines()).hasSize(3);
        assertThat(err).doesNotContain("\r", "replaying", "\033[").startsWith("5 facts, 3 decisions");
        assertThat(err.lines()).hasSize(1);
    }

    @Test
    void onATerminal_showsProgressOnStderrAndTheSameDecisionsOnStdout() throws Exception {
        Path log = log(LOG);
        Path decisions = dir.resolve("decisions.txt");
        assertThat(Path.of("/usr/bin/script")).as("script (util-linux) gives the replay a terminal").exists();
        String command = String.join(" ", java("replay", log.toString()).command().stream()
                .map(ReplayCommandTest::quote).toList()) + " > " + quote(decisions.toString());

        Process script = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
        String terminal = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finish(script)).isZero();
        // Drawn at the start, erased at the end, then the summary.
        assertThat(terminal).contains("\rreplaying day.jsonl: 0% of ", "\033[K", "\r\033[K5 facts, 3 decisions");
        assertThat(Files.readString(decisions)).isEqualTo(respawn("replay", log.toString()).out());
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Respawn.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int finish(Process process) throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("the replay did not end within 120s");
        }
        return process.exitValue();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
