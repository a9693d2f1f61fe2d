package io.respawn.engine.oracle;

import static io.respawn.engine.oracle.Facts.killed;
import static io.respawn.engine.oracle.Facts.map;
import static io.respawn.engine.oracle.Facts.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.respawn.facts.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBaseTest {
    private static final String[] DEFAULT_FILES = {"00-fact-types.drl", "10-failure-inference.drl",
        "20-restart-escalation.drl", "25-storms.drl", "30-cure.drl", "40-give-up.drl", "50-dependency-inference.drl"};

    @TempDir
    Path dir;

    @Test
    void brokenDrl_isReportedWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("broken.drl"), """
                package io.respawn.rules
                import io.respawn.facts.*;

                rule "X-01 A rule with a typo"
                when
                    Failure( componnet == null )
                then
                end
                """);

        RuleBaseException e = catchThrowableOfType(RuleBaseException.class, () -> RuleBase.fromDirectory(dir));

        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).endsWith("broken.drl");
            assertThat(p.line()).isEqualTo(6);
        });
        assertThat(e.getMessage()).contains("broken.drl:6: ").contains("componnet");
    }

    @Test
    void emptyDirectory_isRefused() {
        assertThatThrownBy(() -> RuleBase.fromDirectory(dir)).hasMessageContaining("no .drl files here");
    }

    @Test
    void editedRuleFile_takesEffectTheNextTimeRulesAreLoaded() throws IOException {
        copyDefaults();
        assertThat(restartedGroups(RuleBase.fromDirectory(dir))).containsExactly("infra");

        // a domain expert decides that a crash restarts the root, not the smallest group
        Path file = dir.resolve("20-restart-escalation.drl");
        String edited = Files.readString(file).replace(
                "insert(new Wanted($f.id(), $c, $g, $f.getAtMillis(), List.of($f.id())));",
                "insert(new Wanted($f.id(), $c, GroupId.of(\"root\"), $f.getAtMillis(), List.of($f.id())));");
        assertThat(edited).isNotEqualTo(Files.readString(file));
        Files.writeString(file, edited);

        assertThat(restartedGroups(RuleBase.fromDirectory(dir))).containsExactly("root");
    }

    private static List<String> restartedGroups(RuleBase rules) {
        List<String> groups = new ArrayList<>();
        try (Oracle oracle = new Oracle(rules, null)) {
            oracle.addListener((Decision d) -> groups.add(((io.respawn.facts.Restart) d).group().name()));
            oracle.accept(map(Facts.MAP));
            oracle.accept(started("s1", 0, "db", 1));
            oracle.accept(killed("e1", 1_000, "db", 1));
        }
        return groups;
    }

    private void copyDefaults() throws IOException {
        for (String name : DEFAULT_FILES) {
            try (InputStream in = RuleBase.class.getClassLoader()
                    .getResourceAsStream(RuleBase.DEFAULT_LOCATION + "/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.writeString(dir.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
