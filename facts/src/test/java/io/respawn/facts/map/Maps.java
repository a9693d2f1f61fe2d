package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: load a map fixture, or collect the problems a map text has. */
final class Maps {
    private Maps() {
    }

    /** A map from {@code src/test/resources/maps/}. */
    static RestartMap fixture(String name) throws MapException {
        try {
            return RestartMap.load(Path.of(Maps.class.getResource("/maps/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problems found in {@code yaml}, read as {@code iroom.yaml}, each as {@code iroom.yaml:line: message}. */
    static List<String> problemsOf(String yaml) {
        MapException[] thrown = new MapException[1];
        assertThatThrownBy(() -> {
            try {
                RestartMap.parse(yaml, "iroom.yaml");
            } catch (MapException e) {
                thrown[0] = e;
                throw e;
            }
        }).isInstanceOf(MapException.class);
        return thrown[0].problems().stream().map(MapProblem::toString).toList();
    }
}
