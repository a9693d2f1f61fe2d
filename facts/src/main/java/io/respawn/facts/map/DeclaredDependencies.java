package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import io.respawn.facts.DeclaredDependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the top-level {@code dependencies:} list of a map: each item
 * {@code {dependent: B, dependsOn: A}} says B depends on A. Both must be components of the
 * map, distinct, and each pair is listed once. An accepted inferred dependency is written
 * here by the engine.
 */
final class DeclaredDependencies {
    private DeclaredDependencies() {
    }

    /** The declared dependencies in the order written; problems reported, bad items left out. */
    static List<DeclaredDependency> read(YamlNode document, Set<String> components, Set<String> groups,
                                         Problems problems) {
        if (!(document instanceof YamlNode.Mapping top)) {
            return List.of();
        }
        Optional<YamlNode.Entry> entry = top.entry("dependencies");
        if (entry.isEmpty()) {
            return List.of();
        }
        YamlNode value = entry.get().value();
        if (value instanceof YamlNode.Scalar s && s.isEmpty()) {
            return List.of();
        }
        if (!(value instanceof YamlNode.Sequence list)) {
            problems.add(value.line(), "dependencies: expected a list of {dependent: B, dependsOn: A}, found "
                    + value.describe());
            return List.of();
        }
        List<DeclaredDependency> out = new ArrayList<>();
        Map<DeclaredDependency, Integer> firstLines = new HashMap<>();
        for (YamlNode item : list.items()) {
            DeclaredDependency dependency = item(item, components, groups, problems);
            if (dependency == null) {
                continue;
            }
            Integer first = firstLines.putIfAbsent(dependency, item.line());
            if (first != null) {
                problems.add(item.line(), "dependencies: " + dependency.dependent() + " -> " + dependency.dependsOn()
                        + " is listed twice (first at line " + first + ")");
            } else {
                out.add(dependency);
            }
        }
        return List.copyOf(out);
    }

    private static DeclaredDependency item(YamlNode item, Set<String> components, Set<String> groups,
                                           Problems problems) {
        if (!(item instanceof YamlNode.Mapping mapping)) {
            problems.add(item.line(), "dependencies: expected {dependent: B, dependsOn: A}, found " + item.describe());
            return null;
        }
        Section section = new Section(mapping, "dependencies", "dependencies.", problems)
                .allow(Keys.DEPENDENCY, key -> null);
        Located<String> dependent = component(section, "dependent", components, groups);
        Located<String> dependsOn = component(section, "dependsOn", components, groups);
        if (dependent == null || dependsOn == null) {
            return null;
        }
        if (dependent.value().equals(dependsOn.value())) {
            problems.add(item.line(), "dependencies: a component cannot depend on itself (\"" + dependent.value()
                    + "\")");
            return null;
        }
        return new DeclaredDependency(ComponentId.of(dependent.value()), ComponentId.of(dependsOn.value()));
    }

    private static Located<String> component(Section section, String key, Set<String> components,
                                             Set<String> groups) {
        if (!section.has(key)) {
            section.missing(key, " (a component name)");
            return null;
        }
        Located<String> name = section.text(key);
        if (name == null) {
            return null;
        }
        if (groups.contains(name.value())) {
            section.problem(key, name.line(), "\"" + name.value() + "\" is a group; a dependency names components");
            return null;
        }
        if (!components.contains(name.value())) {
            section.problem(key, name.line(), "unknown component \"" + name.value() + "\""
                    + Spelling.nearest(name.value(), components).map(n -> " (did you mean \"" + n + "\"?)").orElse(""));
            return null;
        }
        return name;
    }
}
