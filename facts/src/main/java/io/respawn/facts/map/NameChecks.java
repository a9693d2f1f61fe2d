package io.respawn.facts.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the names of a map as a whole: group and component names share one namespace
 * and are used once; every {@code after:} names a component, not itself, once; and
 * {@code after:} makes no cycle.
 */
final class NameChecks {
    private enum Visit { IN_PROGRESS, DONE }

    private final Problems problems;
    private final Map<String, Declaration.ComponentDecl> components = new LinkedHashMap<>();
    private final Set<String> groups = new HashSet<>();

    private NameChecks(Problems problems) {
        this.problems = problems;
    }

    static void check(Declaration.GroupDecl root, Problems problems) {
        NameChecks checks = new NameChecks(problems);
        checks.names(root);
        checks.components.values().forEach(checks::after);
        checks.cycles();
    }

    private void names(Declaration.GroupDecl root) {
        Map<String, Integer> firstLines = new HashMap<>();
        for (Declaration declaration : preorder(root)) {
            Located<String> name = declaration.name();
            if (name == null) {
                continue;
            }
            Integer first = firstLines.putIfAbsent(name.value(), name.line());
            if (first != null) {
                problems.add(name.line(), "duplicate name \"" + name.value() + "\" (first declared at line "
                        + first + ")");
            } else if (declaration instanceof Declaration.ComponentDecl component) {
                components.put(name.value(), component);
            } else {
                groups.add(name.value());
            }
        }
    }

    private void after(Declaration.ComponentDecl component) {
        Set<String> listed = new HashSet<>();
        for (Located<String> entry : component.after()) {
            String target = entry.value();
            if (target.equals(component.name().value())) {
                problems.add(entry.line(), "after: a component cannot be after itself (\"" + target + "\")");
            } else if (!listed.add(target)) {
                problems.add(entry.line(), "after: \"" + target + "\" is listed twice");
            } else if (groups.contains(target)) {
                problems.add(entry.line(), "after: \"" + target + "\" is a group; after: names components");
            } else if (!components.containsKey(target)) {
                problems.add(entry.line(), "after: unknown component \"" + target + "\""
                        + Spelling.nearest(target, components.keySet()).map(n -> " (did you mean \"" + n + "\"?)")
                        .orElse(""));
            }
        }
    }

    /** Depth-first along {@code after:} in declaration order; each edge back into the path closes a cycle. */
    private void cycles() {
        Map<String, Visit> visits = new HashMap<>();
        for (String name : components.keySet()) {
            if (!visits.containsKey(name)) {
                visit(name, visits, new ArrayList<>());
            }
        }
    }

    private void visit(String name, Map<String, Visit> visits, List<String> path) {
        visits.put(name, Visit.IN_PROGRESS);
        path.add(name);
        for (Located<String> entry : components.get(name).after()) {
            String target = entry.value();
            if (target.equals(name) || !components.containsKey(target)) {
                continue;
            }
            Visit visit = visits.get(target);
            if (visit == Visit.IN_PROGRESS) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(target), path.size()));
                cycle.add(target);
                problems.add(entry.line(), "after: cycle " + String.join(" -> ", cycle));
            } else if (visit == null) {
                visit(target, visits, path);
            }
        }
        path.remove(path.size() - 1);
        visits.put(name, Visit.DONE);
    }

    /** Every declaration in the order written: a group, then what is below it. */
    static List<Declaration> preorder(Declaration.GroupDecl root) {
        List<Declaration> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Declaration declaration, List<Declaration> out) {
        out.add(declaration);
        if (declaration instanceof Declaration.GroupDecl group) {
            group.children().forEach(child -> collect(child, out));
        }
    }
}
