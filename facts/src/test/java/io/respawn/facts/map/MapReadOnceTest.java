package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MapReadOnceTest {
    private static String map(int components) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults: {node: n1}
                root:
                  group: root
                  children:
                """);
        for (int i = 0; i < components; i++) {
            yaml.append("    - {component: c").append(i).append(", command: [c").append(i).append("]}\n");
        }
        return yaml.toString();
    }

    @Test
    void theSameTextFromTheSameSource_isReadOnceAndShared() throws MapException {
        String yaml = map(3);
        RestartMap first = RestartMap.parse(yaml, "a.yaml");

        assertThat(RestartMap.parse(new String(yaml), "a.yaml")).isSameAs(first);
        assertThat(RestartMap.parse(yaml, "b.yaml")).isNotSameAs(first).satisfies(
                other -> assertThat(other.source()).isEqualTo("b.yaml"));
        assertThat(RestartMap.parse(map(4), "a.yaml").components()).hasSize(4);
    }

    @Test
    void readersAtTheSameMoment_allGetTheOneMap() throws Exception {
        String yaml = map(2_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RestartMap>> read = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                read.add(pool.submit(() -> {
                    go.await();
                    return RestartMap.parse(yaml, "big.yaml");
                }));
            }
            go.countDown();
            RestartMap one = read.get(0).get();
            for (Future<RestartMap> each : read) {
                assertThat(each.get()).isSameAs(one);
            }
            assertThat(one.components()).hasSize(2_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTextThatIsNotAMap_isRefusedEveryTime_withItsProblems() {
        String bad = "version: 1\nroot: {group: root, children: [{component: x}]}\n";
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> RestartMap.parse(bad, "bad.yaml")).isInstanceOf(MapException.class)
                    .hasMessageContaining("bad.yaml:2");
        }
    }
}
