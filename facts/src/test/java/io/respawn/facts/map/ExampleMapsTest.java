package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.RestartType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The maps the project shows its users: examples/ and the complete maps in docs/restart-map.md. */
class ExampleMapsTest {
    /** The module's tests run in facts/; the examples and docs are at the top of the repository. */
    private static final Path TOP = Path.of("..");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    /** A component to hang a {@code probes:} example on. */
    private static final String PROBED_COMPONENT = """
            version: 1
            root:
              group: iroom
              children:
                - component: eheap
                  node: node1
                  command: [eheap]
            """;

    @Test
    void iroomExample_validatesAndHasTheIroomShape() throws MapException {
        // given examples/iroom.yaml, when it is loaded
        RestartMap map = RestartMap.load(TOP.resolve("examples/iroom.yaml"));

        // then it is the iRoom tree
        assertThat(map.root().id()).isEqualTo(GroupId.of("iroom"));
        assertThat(map.groups()).extracting(Group::name)
                .containsExactly("iroom", "infrastructure", "discovery", "apps");
        assertThat(map.componentsUnder(GroupId.of("apps"))).extracting(Component::name)
                .containsExactly("multibrowse", "smartboard", "pointright");
        assertThat(map.component(ComponentId.of("eheap")).orElseThrow().probes())
                .singleElement().isInstanceOf(RoundTripProbe.class);
        assertThat(map.component(ComponentId.of("smartboard")).orElseThrow().restartType())
                .isEqualTo(RestartType.TRANSIENT);
        assertThat(map.componentsUnder(GroupId.of("apps"))).allSatisfy(app -> {
            assertThat(app.heartbeat()).isPresent();
            assertThat(app.after()).contains(ComponentId.of("eheap"));
        });
        assertThat(map.startOrder(GroupId.of("iroom")).get(0).name()).isEqualTo("eheap");
    }

    @Test
    void mapsInTheDocs_validate() throws IOException {
        // given every yaml block of docs/restart-map.md: whole maps, and probes: lists put on a component
        List<String> maps = mapsIn(Files.readString(TOP.resolve("docs/restart-map.md")));
        assertThat(maps).hasSizeGreaterThan(5);

        // when each is parsed, then none has a problem
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            try {
                RestartMap.parse(maps.get(i), "docs/restart-map.md yaml block " + (i + 1));
            } catch (MapException e) {
                problems.add(e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> mapsIn(String markdown) {
        List<String> maps = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(markdown);
        while (block.find()) {
            String yaml = block.group(1);
            if (yaml.startsWith("version:")) {
                maps.add(yaml);
            } else if (yaml.startsWith("probes:")) {
                maps.add(PROBED_COMPONENT + yaml.indent(6));
            } else {
                throw new AssertionError("a yaml block that is neither a map nor a probes: list:\n" + yaml);
            }
        }
        return maps;
    }
}
