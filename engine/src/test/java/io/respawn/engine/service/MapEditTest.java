package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.ComponentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing an accepted dependency into a map's text, keeping the rest as written. */
class MapEditTest {
    private static final ComponentId WEB = ComponentId.of("web");
    private static final ComponentId DB = ComponentId.of("db");
    private static final String TREE = """
            version: 1
            defaults: {node: n1}   # every component on n1
            root:
              group: root
              children:
                - {component: db, command: [db]}
                - {component: web, command: [web]}
                - {component: cache, command: [cache]}
            """;

    @TempDir
    Path dir;

    @Test
    void noDependencies_appendsTheSectionAtTheEnd() {
        assertThat(MapEdit.withDependency(TREE, "m.yaml", WEB, DB))
                .isEqualTo(TREE + "dependencies:\n  - {dependent: web, dependsOn: db}\n");
    }

    @Test
    void noFinalNewline_stillAppendsOnANewLine() {
        String text = TREE.stripTrailing();
        assertThat(MapEdit.withDependency(text, "m.yaml", WEB, DB))
                .isEqualTo(text + "\ndependencies:\n  - {dependent: web, dependsOn: db}\n");
    }

    @Test
    void blockList_getsTheItemAfterItsLastItem_inItsIndentation_beforeTheNextKey() {
        String text = """
                version: 1
                dependencies:
                    # cache warms from db
                    - {dependent: cache, dependsOn: db}

                defaults: {node: n1}
                root:
                  group: root
                  children:
                    - {component: db, command: [db]}
                    - {component: web, command: [web]}
                    - {component: cache, command: [cache]}
                """;
        assertThat(MapEdit.withDependency(text, "m.yaml", WEB, DB)).isEqualTo(text.replace(
                "    - {dependent: cache, dependsOn: db}\n",
                "    - {dependent: cache, dependsOn: db}\n    - {dependent: web, dependsOn: db}\n"));
    }

    @Test
    void emptyFlowList_becomesABlockList() {
        assertThat(MapEdit.withDependency(TREE + "dependencies: []   # none yet\n", "m.yaml", WEB, DB))
                .isEqualTo(TREE + "dependencies:\n  - {dependent: web, dependsOn: db}\n");
    }

    @Test
    void flowListOnOneLine_getsTheItemBeforeItsBracket() {
        assertThat(MapEdit.withDependency(TREE + "dependencies: [{dependent: cache, dependsOn: db}]  # x\n",
                "m.yaml", WEB, DB)).isEqualTo(TREE
                + "dependencies: [{dependent: cache, dependsOn: db}, {dependent: web, dependsOn: db}]  # x\n");
    }

    @Test
    void alreadyDeclared_leavesTheTextAsItIs() {
        String text = TREE + "dependencies:\n- {dependent: web, dependsOn: db}\n";
        assertThat(MapEdit.withDependency(text, "m.yaml", WEB, DB)).isSameAs(text);
    }

    @Test
    void flowListOverSeveralLines_isRefusedAskingForAHandEdit() {
        String text = TREE + "dependencies: [\n  {dependent: cache, dependsOn: db}\n]\n";
        assertThatThrownBy(() -> MapEdit.withDependency(text, "m.yaml", WEB, DB))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("m.yaml").hasMessageContaining("by hand");
    }

    @Test
    void write_replacesTheFileAndKeepsTheOldOneAsBak() throws IOException {
        Path file = dir.resolve("map.yaml");
        Files.writeString(file, TREE);

        MapEdit.write(file, "new text\n");

        assertThat(Files.readString(file)).isEqualTo("new text\n");
        assertThat(Files.readString(dir.resolve("map.yaml.bak"))).isEqualTo(TREE);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("map.yaml",
                    "map.yaml.bak");
        }
    }
}
