package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.GroupId;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    @Test
    void noAfter_startsInDeclarationOrder() throws MapException {
        // given three components with no after:
        RestartMap map = RestartMap.parse("""
                version: 1
                defaults: {node: node1}
                root:
                  group: iroom
                  children:
                    - {component: c, command: [c]}
                    - {component: a, command: [a]}
                    - {component: b, command: [b]}
                """, "order.yaml");

        // when the root's start order is taken, then it is the order written
        assertThat(map.startOrder(GroupId.of("iroom"))).extracting(Component::name).containsExactly("c", "a", "b");
    }

    @Test
    void after_movesAComponentBehindWhatItNamesAndKeepsTheRestInDeclarationOrder() throws MapException {
        // given apps declared before the heaps they start after
        RestartMap map = RestartMap.parse("""
                version: 1
                defaults: {node: node1}
                root:
                  group: iroom
                  children:
                    - {component: smartboard, command: [s], after: [dheap]}
                    - {component: multibrowse, command: [m]}
                    - {component: dheap, command: [d], after: [eheap]}
                    - {component: eheap, command: [e]}
                """, "order.yaml");

        // when the start order is taken
        // then eheap comes before dheap before smartboard; multibrowse, free, keeps its place ahead of them
        assertThat(map.startOrder(GroupId.of("iroom"))).extracting(Component::name)
                .containsExactly("multibrowse", "eheap", "dheap", "smartboard");
    }

    @Test
    void afterOutsideTheGroup_doesNotCount() throws MapException {
        // given apps that start after eheap, which is in another group
        RestartMap map = RestartMap.parse("""
                version: 1
                defaults: {node: node1}
                root:
                  group: iroom
                  children:
                    - group: apps
                      children:
                        - {component: pointright, command: [p], after: [eheap, multibrowse]}
                        - {component: multibrowse, command: [m], after: [eheap]}
                    - group: infrastructure
                      children:
                        - {component: eheap, command: [e]}
                """, "order.yaml");

        // when the apps group's start order is taken, then only multibrowse constrains pointright
        assertThat(map.startOrder(GroupId.of("apps"))).extracting(Component::name)
                .containsExactly("multibrowse", "pointright");
        // and over the whole tree eheap goes first
        assertThat(map.startOrder(GroupId.of("iroom"))).extracting(Component::name)
                .containsExactly("eheap", "multibrowse", "pointright");
    }
}
