package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.DeclaredDependency;
import io.respawn.facts.DependencyScope;
import io.respawn.facts.GroupId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The top-level {@code dependencies:} list: what it declares, and what it refuses with file:line. */
class DeclaredDependenciesTest {
    private static final String TREE = """
            version: 1
            defaults: {node: n1}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - {component: db, command: [db]}
                - {component: web, command: [web]}
            """;

    @Test
    void declaredDependency_isAPolicyFactAfterTheDependencyPolicy_withItsScope() throws MapException {
        // given a map that declares web -> db
        RestartMap map = RestartMap.parse(TREE + """
                dependencies:
                  - {dependent: web, dependsOn: db}
                """, "iroom.yaml");

        // then it is read, and yielded among the last policy facts, followed by where its ends sit in the tree
        DeclaredDependency webOnDb = new DeclaredDependency(ComponentId.of("web"), ComponentId.of("db"));
        assertThat(map.dependencies()).containsExactly(webOnDb);
        List<Object> facts = map.policyFacts();
        assertThat(facts.get(facts.size() - 2)).isEqualTo(webOnDb);
        assertThat(facts.get(facts.size() - 1)).isEqualTo(new DependencyScope(ComponentId.of("web"), GroupId.of("root"),
                ComponentId.of("db"), GroupId.of("infra"), List.of(GroupId.of("infra"), GroupId.of("root"))));
        assertThat(webOnDb.id()).isEqualTo("dependency/web/db");
    }

    @Test
    void noDependencies_orAnEmptyList_declareNothing() throws MapException {
        assertThat(RestartMap.parse(TREE, "iroom.yaml").dependencies()).isEmpty();
        assertThat(RestartMap.parse(TREE + "dependencies: []\n", "iroom.yaml").dependencies()).isEmpty();
        assertThat(RestartMap.parse(TREE + "dependencies:\n", "iroom.yaml").dependencies()).isEmpty();
    }

    @Test
    void badDependencies_areReportedWithTheirLines() {
        // lines 10.. follow the 9 lines of TREE
        assertThat(Maps.problemsOf(TREE + """
                dependencies:
                  - {dependent: web, dependsOn: dbb}
                  - {dependent: web, dependsOn: infra}
                  - {dependent: web, dependsOn: web}
                  - {dependent: web}
                  - {dependent: web, dependsOn: db, why: x}
                  - {dependent: web, dependsOn: db}
                  - web -> db
                """)).containsExactly(
                "iroom.yaml:11: dependencies.dependsOn: unknown component \"dbb\" (did you mean \"db\"?)",
                "iroom.yaml:12: dependencies.dependsOn: \"infra\" is a group; a dependency names components",
                "iroom.yaml:13: dependencies: a component cannot depend on itself (\"web\")",
                "iroom.yaml:14: dependencies: missing dependsOn (a component name)",
                "iroom.yaml:15: unknown key \"why\" in dependencies",
                "iroom.yaml:16: dependencies: web -> db is listed twice (first at line 15)",
                "iroom.yaml:17: dependencies: expected {dependent: B, dependsOn: A}, found \"web -> db\"");
    }

    @Test
    void dependenciesThatAreNotAList_areReported() {
        assertThat(Maps.problemsOf(TREE + "dependencies: {web: db}\n")).containsExactly(
                "iroom.yaml:10: dependencies: expected a list of {dependent: B, dependsOn: A}, found a mapping");
    }
}
