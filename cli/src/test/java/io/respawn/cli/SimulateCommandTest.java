package io.respawn.cli;

import static io.respawn.cli.CliRun.respawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "simulation");
    private static final String MAP = """
            version: 1
            defaults: {node: n1, startupGrace: 1s, cureWindow: 5s}
            root:
              group: root
              children:
                - group: apps
                  children:
                    - component: web
                      command: [web]
                    - component: slow
                      command: [slow]
            """;
    private static final String SPLIT = MAP.replace("""
                    - component: web
                      command: [web]
            """, """
                    - group: web-alone
                      children:
                        - component: web
                          command: [web]
            """);
    private static final String SPEC = """
            version: 1
            seed: 3
            duration: 1h
            restart: {default: 500ms, components: {slow: 6s}}
            faults:
              - {name: web-crash, component: web, every: 5m}
            """;

    @TempDir
    Path dir;



    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void badSpec_exitsWithFileLineErrors() throws Exception {
        Path map = write("map.yaml", MAP);
        Path spec = write("spec.yaml", SPEC.replace("component: web,", "component: wbe,"));

        CliRun run = respawn("simulate", "--map", map.toString(), "--spec", spec.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(spec + ":6: component: unknown component \"wbe\" (not in " + map + ")");
    }

    @Test
    void againstMap_comparesTheTwoTreesOnTheSameFaults() throws Exception {
        Path map = write("map.yaml", MAP);
        Path split = write("split.yaml", SPLIT);
        Path spec = write("spec.yaml", SPEC);

        CliRun run = respawn("simulate", "--map", map.toString(), "--against-map", split.toString(), "--spec",
                spec.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("A vs B, same faults (seed 3)")
                .containsPattern("web-crash +6\\.00s -> 500ms .* -92%");
    }

    @Test
    void advise_proposesAndWritesOnlyANewFile() throws Exception {
        Path map = write("map.yaml", MAP);
        Path spec = write("spec.yaml", SPEC);
        Path log = dir.resolve("sim.jsonl");
        assertThat(respawn("simulate", "--map", map.toString(), "--spec", spec.toString(), "--log", log.toString())
                .exit()).isZero();
        Path proposed = dir.resolve("proposed.yaml");

        CliRun run = respawn("advise", log.toString(), "--simulate", "1h", "--write", proposed.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("proposal 1 - depth augmentation: give web a group of its own (web-alone)")
                .contains("proposed map written to " + proposed);
        assertThat(Files.readString(proposed)).contains("group: web-alone");
        assertThat(Files.readString(map)).isEqualTo(MAP);
        CliRun again = respawn("advise", log.toString(), "--simulate", "0s", "--write", proposed.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains(proposed.toString());
    }

    @Test
    void exampleSpec_runsAgainstTheExampleMap() throws Exception {
        CliRun run = respawn("simulate", "--map", EXAMPLES.resolve("room.yaml").toString(), "--spec",
                EXAMPLES.resolve("room-sim.yaml").toString(), "--duration", "1h");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("browser-crash", "all");
    }
}
