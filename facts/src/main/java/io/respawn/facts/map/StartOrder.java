package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order to start a set of components in: each after the members it names in
 * {@code after:}, and otherwise in the order declared. Constraints on components outside
 * the set do not count.
 */
final class StartOrder {
    private StartOrder() {
    }

    /** @param members in declaration order, with no cycle of {@code after:} (the map is checked) */
    static List<Component> of(List<Component> members) {
        Set<ComponentId> inSet = new HashSet<>();
        members.forEach(c -> inSet.add(c.id()));
        Set<ComponentId> started = new LinkedHashSet<>();
        List<Component> order = new ArrayList<>();
        while (order.size() < members.size()) {
            Component next = members.stream()
                    .filter(c -> !started.contains(c.id()))
                    .filter(c -> c.after().stream().filter(inSet::contains).allMatch(started::contains))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("after: cycle among " + members.stream()
                            .filter(c -> !started.contains(c.id())).map(Component::name).toList()));
            started.add(next.id());
            order.add(next);
        }
        return List.copyOf(order);
    }
}
