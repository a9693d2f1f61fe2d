package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.ExecProbe;
import io.respawn.facts.map.HttpProbe;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.facts.map.RestartMap;
import io.respawn.facts.map.RoundTripProbe;
import io.respawn.facts.map.SendExpectProbe;
import io.respawn.facts.map.TcpProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/probes.md are probes the restart map accepts. */
class ProbesDocTest {
    /** The module's tests run in probes/; the docs are at the top of the repository. */
    private static final Path DOC = Path.of("..", "docs", "probes.md");
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
    void yamlExamples_parseAndShowEveryKind() throws IOException, MapException {
        // given every yaml block of the page, each a probes: list put on a component
        Matcher block = YAML_BLOCK.matcher(Files.readString(DOC));
        List<ProbeSpec> probes = new ArrayList<>();
        int blocks = 0;
        while (block.find()) {
            blocks++;
            assertThat(block.group(1)).startsWith("probes:");
            // when each is parsed
            RestartMap map = RestartMap.parse(PROBED_COMPONENT + block.group(1).indent(6),
                    "docs/probes.md yaml block " + blocks);
            probes.addAll(map.component(ComponentId.of("eheap")).orElseThrow().probes());
        }

        // then each kind is shown at least once
        assertThat(probes).hasAtLeastOneElementOfType(TcpProbe.class)
                .hasAtLeastOneElementOfType(SendExpectProbe.class)
                .hasAtLeastOneElementOfType(HttpProbe.class)
                .hasAtLeastOneElementOfType(ExecProbe.class)
                .hasAtLeastOneElementOfType(RoundTripProbe.class);
    }
}
