package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake in the tree and its settings, reported as {@code file:line: message}. */
class MapValidationTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // a component name used twice
                Arguments.of("duplicate component", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap]}
                            - {component: eheap, node: node1, command: [eheap]}
                        """, "iroom.yaml:6: duplicate name \"eheap\" (first declared at line 5)"),
                // groups and components share one namespace
                Arguments.of("group named like a component", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: apps, node: node1, command: [apps]}
                            - group: apps
                              children: [{component: x, node: node1, command: [x]}]
                        """, "iroom.yaml:6: duplicate name \"apps\" (first declared at line 5)"),
                // after: a name that is nowhere in the map, close to one that is
                Arguments.of("after unknown", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap]}
                            - {component: dheap, node: node1, command: [dheap], after: [eheapp]}
                        """, "iroom.yaml:6: after: unknown component \"eheapp\" (did you mean \"eheap\"?)"),
                // after: names a group
                Arguments.of("after a group", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: dheap, node: node1, command: [dheap], after: [iroom]}
                        """, "iroom.yaml:5: after: \"iroom\" is a group; after: names components"),
                // after: names the component itself
                Arguments.of("after itself", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap], after: [eheap]}
                        """, "iroom.yaml:5: after: a component cannot be after itself (\"eheap\")"),
                // after: goes round in a circle; reported where the circle closes
                Arguments.of("after cycle", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              command: [eheap]
                              after: [dheap]
                            - component: dheap
                              node: node1
                              command: [dheap]
                              after: [eheap]
                        """, "iroom.yaml:12: after: cycle eheap -> dheap -> eheap"),
                // a duration in words
                Arguments.of("bad duration", """
                        version: 1
                        root:
                          group: iroom
                          cureWindow: 3 sec
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: cureWindow: bad duration \"3 sec\" (write e.g. 250ms, 3s, 1m)"),
                // a negative duration
                Arguments.of("negative duration", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              command: [eheap]
                              stopGrace: -1s
                        """, "iroom.yaml:8: stopGrace: must not be negative: \"-1s\""),
                // zero where only a positive duration makes sense
                Arguments.of("zero period", """
                        version: 1
                        root:
                          group: iroom
                          intensity: {restarts: 3, period: 0s}
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: intensity.period: must be greater than 0: \"0s\""),
                // a count below its minimum
                Arguments.of("zero restarts", """
                        version: 1
                        root:
                          group: iroom
                          intensity: {restarts: 0}
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: intensity.restarts: must be at least 1: 0"),
                // a misspelt key, with the nearest known key suggested
                Arguments.of("misspelt key", """
                        version: 1
                        root:
                          group: iroom
                          cureWindw: 3s
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: unknown key \"cureWindw\" in group \"iroom\""
                        + " (did you mean \"cureWindow\"?)"),
                // a key that is nothing like a known one
                Arguments.of("unknown key", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap], colour: blue}
                        """, "iroom.yaml:5: unknown key \"colour\" in component \"eheap\""),
                // a component key on a group, where defaults: was meant
                Arguments.of("component key on a group", """
                        version: 1
                        root:
                          group: iroom
                          restart: transient
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: unknown key \"restart\" in group \"iroom\" (restart belongs to a"
                        + " component; to set it for every component below, put it under defaults:)"),
                // a key that cannot be inherited, in defaults:
                Arguments.of("command in defaults", """
                        version: 1
                        defaults: {command: [x]}
                        root:
                          group: iroom
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:2: unknown key \"command\" in defaults (command is not inherited;"
                        + " set it on each component)"),
                // no node, here or in any defaults: above
                Arguments.of("missing node", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              command: [eheap]
                        """, "iroom.yaml:5: component \"eheap\": missing node (set node: on the component or in"
                        + " defaults:)"),
                // no command
                Arguments.of("missing command", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                        """, "iroom.yaml:5: component \"eheap\": missing command (the argv to start it, e.g."
                        + " command: [java, -jar, app.jar])"),
                // a command line as one string instead of an argv list
                Arguments.of("command as a string", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              command: java -jar eheap.jar
                        """, "iroom.yaml:7: command: expected a list of strings, e.g. [java, -jar, app.jar], found"
                        + " \"java -jar eheap.jar\""),
                // a child that is both a group and a component
                Arguments.of("child both", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - group: apps
                              component: eheap
                              children: [{component: x, node: node1, command: [x]}]
                        """, "iroom.yaml:5: a child has both group: and component:; it is one or the other"),
                // a child that is neither
                Arguments.of("child neither", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - node: node1
                              command: [eheap]
                        """, "iroom.yaml:5: a child has neither group: nor component: (its keys: node, command)"),
                // a scalar where a mapping belongs
                Arguments.of("wrong YAML type", """
                        version: 1
                        root:
                          group: iroom
                          intensity: 3
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:4: intensity: expected a mapping, found \"3\""),
                // a heartbeat that times out before the next one is due
                Arguments.of("heartbeat timeout not above interval", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              command: [eheap]
                              heartbeat: {interval: 3s, timeout: 3s}
                        """, "iroom.yaml:8: heartbeat: timeout 3s must be greater than interval 3s"),
                // half a heartbeat
                Arguments.of("heartbeat without timeout", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              command: [eheap]
                              heartbeat: {interval: 1s}
                        """, "iroom.yaml:8: heartbeat: missing timeout (a heartbeat needs both interval and timeout)"),
                // a restart type OTP does not have
                Arguments.of("bad restart type", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap], restart: always}
                        """, "iroom.yaml:5: restart: unknown restart type \"always\" (write permanent, transient or"
                        + " temporary)"),
                // a decimal memory unit
                Arguments.of("bad size", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap], limits: {rss: 256MB}}
                        """, "iroom.yaml:5: limits.rss: bad size \"256MB\" (write e.g. 512KiB, 200MiB, 1GiB or a"
                        + " byte count)"),
                // a CPU limit without its percent sign
                Arguments.of("bad CPU limit", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: [eheap], limits: {cpu: 90}}
                        """, "iroom.yaml:5: limits.cpu: bad CPU limit \"90\" (write a percentage, e.g. 90%; 100% is"
                        + " one core busy)"),
                // a name with a space
                Arguments.of("bad name", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: event heap, node: node1, command: [eheap]}
                        """, "iroom.yaml:5: component: bad name \"event heap\" (use 1-128 letters, digits, '.', '_'"
                        + " or '-', starting with a letter or digit)"),
                // a group with nothing in it
                Arguments.of("empty group", """
                        version: 1
                        root:
                          group: iroom
                          children: []
                        """, "iroom.yaml:4: children: must list at least one group or component"),
                // the same key twice in one mapping
                Arguments.of("duplicate key", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - component: eheap
                              node: node1
                              node: node2
                              command: [eheap]
                        """, "iroom.yaml:7: duplicate key \"node\" (first at line 6)"),
                // a version this code does not read
                Arguments.of("unsupported version", """
                        version: 2
                        root:
                          group: iroom
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:1: version: unsupported version \"2\" (this respawn reads version 1)"),
                // no version
                Arguments.of("missing version", """
                        root:
                          group: iroom
                          children: [{component: eheap, node: node1, command: [eheap]}]
                        """, "iroom.yaml:1: missing version (write version: 1 at the top)"),
                // the root is a component
                Arguments.of("root is a component", """
                        version: 1
                        root: {component: eheap, node: node1, command: [eheap]}
                        """, "iroom.yaml:2: root: must be a group (group: <name>, children: [...]), found a component"),
                // no root
                Arguments.of("missing root", """
                        version: 1
                        """, "iroom.yaml:1: missing root (the top restart group: root: {group: ..., children: [...]})"),
                // nothing at all
                Arguments.of("empty file", "",
                        "iroom.yaml: the map is empty (it needs at least version: 1 and root:)"),
                // not YAML: a flow list left open; the parser's line
                Arguments.of("YAML syntax", """
                        version: 1
                        root:
                          group: iroom
                          children: [{component: eheap, node: node1, command: [eheap]}
                          cureWindow: 3s
                        """, "iroom.yaml:5: YAML syntax: while parsing a flow sequence; expected ',' or ']', but got"
                        + " <scalar>"),
                // an alias, which the parser would read as the anchor's name
                Arguments.of("alias", """
                        version: 1
                        root:
                          group: iroom
                          children:
                            - {component: eheap, node: node1, command: &cmd [eheap]}
                            - {component: dheap, node: node1, command: *cmd}
                        """, "iroom.yaml:6: YAML aliases (*cmd) are not supported; share settings with defaults:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistake_isReportedWithFileLineAndMessage(String situation, String yaml, String expected) {
        // given a map with one mistake, when it is parsed, then exactly that problem is reported
        assertThat(Maps.problemsOf(yaml)).containsExactly(expected);
    }

    @Test
    void severalMistakes_areReportedTogetherInLineOrder() {
        // given a map with five mistakes in different places
        String yaml = """
                version: 1
                defaults:
                  stopGrace: -1s
                root:
                  group: iroom
                  cureWindow: 3 sec
                  children:
                    - component: eheap
                      command: [eheap]
                    - component: dheap
                      node: node1
                      command: [dheap]
                      after: [eheapp]
                    - component: eheap
                      node: node1
                      command: [eheap]
                """;

        // when it is parsed, then every one is reported, by line
        assertThat(Maps.problemsOf(yaml)).containsExactly(
                "iroom.yaml:3: defaults.stopGrace: must not be negative: \"-1s\"",
                "iroom.yaml:6: cureWindow: bad duration \"3 sec\" (write e.g. 250ms, 3s, 1m)",
                "iroom.yaml:8: component \"eheap\": missing node (set node: on the component or in defaults:)",
                "iroom.yaml:13: after: unknown component \"eheapp\" (did you mean \"eheap\"?)",
                "iroom.yaml:14: duplicate name \"eheap\" (first declared at line 8)");
    }

    @Test
    void mapException_messageIsTheProblemsOnePerLine() {
        // given a map with two mistakes
        String yaml = """
                version: 1
                root:
                  group: iroom
                  cureWindw: 3s
                  children:
                    - {component: eheap, command: [eheap]}
                """;

        // when it is parsed, then the exception's message lists both
        assertThatThrownBy(() -> RestartMap.parse(yaml, "iroom.yaml"))
                .isInstanceOf(MapException.class)
                .hasMessage("iroom.yaml:4: unknown key \"cureWindw\" in group \"iroom\""
                        + " (did you mean \"cureWindow\"?)\n"
                        + "iroom.yaml:6: component \"eheap\": missing node"
                        + " (set node: on the component or in defaults:)");
    }

    @Test
    void missingFile_isAProblemWithTheWholeFile() {
        // given a path with no file, when it is loaded, then
        assertThatThrownBy(() -> RestartMap.load(Path.of("no/such/map.yaml")))
                .isInstanceOf(MapException.class)
                .hasMessage(Path.of("no/such/map.yaml") + ": cannot read the map: no such file");
    }

    @Test
    void inheritedMistake_isReportedOnceAtItsLine() {
        // given a heartbeat in defaults that is wrong for both components below it
        String yaml = """
                version: 1
                defaults:
                  node: node1
                  heartbeat: {interval: 5s, timeout: 1s}
                root:
                  group: iroom
                  children:
                    - {component: eheap, command: [eheap]}
                    - {component: dheap, command: [dheap]}
                """;

        // when it is parsed, then it is reported once, where it is written
        assertThat(Maps.problemsOf(yaml))
                .containsExactly("iroom.yaml:4: heartbeat: timeout 1s must be greater than interval 5s");
    }
}
