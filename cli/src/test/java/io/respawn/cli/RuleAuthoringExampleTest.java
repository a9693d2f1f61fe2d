package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of docs/rule-authoring.md, run as the page shows it. */
class RuleAuthoringExampleTest {
    private static final Path EXAMPLE = Path.of("../docs/examples/rule-authoring");
    private static final Path DEFAULT_RULES = Path.of("../rules/src/main/resources/io/respawn/rules");

    @TempDir
    Path dir;

    private static String respawn(int expectedExit, String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Respawn.run(args)).as(String.join(" ", args)).isEqualTo(expectedExit);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(stdout);
        }
    }

    /** mkdir my-rules && cp the default rules there, then add 60-ops.drl. */
    private Path myRules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("my-rules"));
        try (Stream<Path> files = Files.list(DEFAULT_RULES)) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Files.copy(EXAMPLE.resolve("60-ops.drl"), rules.resolve("60-ops.drl"));
        return rules;
    }

    @Test
    void scenariosWithTheNewRule_bothPass() throws IOException {
        String out = respawn(0, "test", EXAMPLE.resolve("scenarios").toString(), "--rules", myRules().toString());

        assertThat(out).isEqualTo("""
                PASS degraded-heartbeat-alerts (1 decisions)
                PASS ok-heartbeat-no-alert (0 decisions)
                2 passed, 0 failed
                """);
    }

    @Test
    void scenariosWithTheDefaultRules_missTheAlert() {
        String out = respawn(1, "test", EXAMPLE.resolve("scenarios").toString());

        assertThat(out).startsWith("FAIL degraded-heartbeat-alerts\n  degraded-heartbeat-alerts: decision 1 is missing")
                .endsWith("PASS ok-heartbeat-no-alert (0 decisions)\n1 passed, 1 failed\n");
    }
}
