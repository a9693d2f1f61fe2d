package io.respawn.engine.simulate;

import io.respawn.engine.simulate.FaultClass.Cure;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code faults:} of a spec: each fault class, its cure ({@code curedBy}) and its
 * spreading, names resolved against the map. Problems go to the spec's {@link SpecNodes}.
 */
final class FaultReader {
    private static final List<String> FAULT = List.of("name", "component", "kind", "every", "curedBy", "recurs",
            "spreads");
    private static final Duration DEFAULT_RECURS = Duration.ofSeconds(1);

    private final SpecNodes in;
    private final RestartMap map;

    FaultReader(SpecNodes in, RestartMap map) {
        this.in = in;
        this.map = map;
    }

    List<FaultClass> faults(SpecNodes.Entry entry) {
        List<FaultClass> faults = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        List<Node> items = in.sequence(entry.value(), "faults");
        for (Node item : items) {
            Map<String, SpecNodes.Entry> keys = in.mapping(item, "a fault", FAULT);
            if (keys == null) {
                continue;
            }
            fault(keys, SpecNodes.line(item)).ifPresent(f -> {
                Integer first = names.putIfAbsent(f.name(), f.line());
                if (first != null) {
                    in.add(f.line(), "duplicate fault name \"" + f.name() + "\" (first at line " + first + ")");
                }
                faults.add(f);
            });
        }
        return faults;
    }

    private Optional<FaultClass> fault(Map<String, SpecNodes.Entry> keys, int line) {
        int before = in.count();
        String name = keys.containsKey("name") ? in.text(keys.get("name")) : null;
        if (name == null || name.isBlank()) {
            in.add(line, "a fault needs a name");
        }
        ComponentId component = null;
        if (!keys.containsKey("component")) {
            in.add(line, "fault \"" + name + "\": missing component (the component it strikes)");
        } else {
            component = component(keys.get("component"), "component", in.text(keys.get("component"))).orElse(null);
        }
        FaultClass.Kind kind = kind(keys.get("kind"));
        Duration every = null;
        if (!keys.containsKey("every")) {
            in.add(line, "fault \"" + name + "\": missing every (the mean time between two faults, e.g. every: 10m)");
        } else {
            every = in.duration(keys.get("every"), "every", true).orElse(null);
        }
        Duration recurs = keys.containsKey("recurs")
                ? in.duration(keys.get("recurs"), "recurs", false).orElse(DEFAULT_RECURS) : DEFAULT_RECURS;
        Cure cure = component == null ? null
                : keys.containsKey("curedBy") ? cure(keys.get("curedBy"), component).orElse(null)
                : Cure.by(Set.of(component), "component");
        List<ComponentId> spreadTo = List.of();
        Duration spreadAfter = Duration.ZERO;
        Map<String, SpecNodes.Entry> spreads = keys.containsKey("spreads") && component != null
                ? in.mapping(keys.get("spreads").value(), "spreads", List.of("to", "after")) : null;
        if (spreads != null) {
            spreadTo = spreadTargets(spreads.get("to"), component, keys.get("spreads").line());
            spreadAfter = spreads.containsKey("after")
                    ? in.duration(spreads.get("after"), "spreads.after", false).orElse(Duration.ZERO) : Duration.ZERO;
        }
        if (component != null) {
            requireHeartbeat(kind, component, keys.containsKey("kind") ? keys.get("kind").line() : line);
            for (ComponentId victim : spreadTo) {
                requireHeartbeat(kind, victim, keys.get("spreads").line());
            }
        }
        if (in.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new FaultClass(name, component, kind, every, cure, recurs, spreadTo, spreadAfter, line));
    }

    private FaultClass.Kind kind(SpecNodes.Entry entry) {
        String text = entry == null ? "crash" : in.text(entry);
        if ("crash".equals(text) || "hang".equals(text)) {
            return FaultClass.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        }
        in.add(entry.line(), "kind: must be crash or hang, found " + in.describe(entry.value()));
        return FaultClass.Kind.CRASH;
    }

    private void requireHeartbeat(FaultClass.Kind kind, ComponentId component, int line) {
        if (kind == FaultClass.Kind.HANG && map.component(component).flatMap(Component::heartbeat).isEmpty()) {
            in.add(line, "kind: hang needs heartbeats to be seen, and \"" + component + "\" sends none in "
                    + map.source());
        }
    }

    /** {@code component}, {@code never}, {@code root}, {@code {group: G}}, {@code {up: N}}, {@code {components: [..]}}. */
    private Optional<Cure> cure(SpecNodes.Entry entry, ComponentId component) {
        String path = "curedBy";
        if (SpecNodes.isScalar(entry.value())) {
            String text = in.text(entry);
            return switch (text) {
                case "component" -> Optional.of(Cure.by(Set.of(component), text));
                case "never" -> Optional.of(Cure.never(text));
                case "root" -> Optional.of(Cure.by(under(map.root().id()), text));
                default -> {
                    in.add(entry.line(), path + ": expected component, never, root, {group: G}, {up: N} or"
                            + " {components: [..]}, found " + in.describe(entry.value()));
                    yield Optional.empty();
                }
            };
        }
        Map<String, SpecNodes.Entry> keys = in.mapping(entry.value(), path, List.of("group", "up", "components"));
        if (keys == null) {
            return Optional.empty();
        }
        if (keys.size() != 1) {
            in.add(entry.line(), path + ": give exactly one of group, up, components");
            return Optional.empty();
        }
        if (keys.containsKey("group")) {
            String name = in.text(keys.get("group"));
            if (!valid(name) || map.group(GroupId.of(name)).isEmpty()) {
                in.add(keys.get("group").line(), path + ".group: unknown group \"" + name + "\" (not in "
                        + map.source() + ")");
                return Optional.empty();
            }
            GroupId group = GroupId.of(name);
            if (!under(group).contains(component)) {
                in.add(keys.get("group").line(), path + ".group: \"" + name + "\" does not hold \"" + component
                        + "\"; restarting it would not restart the component");
                return Optional.empty();
            }
            return Optional.of(Cure.by(under(group), "{group: " + name + "}"));
        }
        if (keys.containsKey("up")) {
            Optional<Long> up = in.longValue(keys.get("up"), path + ".up");
            if (up.isEmpty()) {
                return Optional.empty();
            }
            GroupId group = map.smallestGroupOf(component);
            for (long i = 0; i < up.get(); i++) {
                Optional<GroupId> parent = map.parentOf(group);
                if (parent.isEmpty()) {
                    in.add(keys.get("up").line(), path + ".up: " + up.get() + " levels above \"" + component
                            + "\" is above the root of " + map.source());
                    return Optional.empty();
                }
                group = parent.get();
            }
            return Optional.of(Cure.by(under(group), "{up: " + up.get() + "}"));
        }
        Set<ComponentId> together = new LinkedHashSet<>(List.of(component));
        for (Node item : in.sequence(keys.get("components").value(), path + ".components")) {
            String name = SpecNodes.isScalar(item) ? in.scalar(item) : null;
            component(new SpecNodes.Entry(path, SpecNodes.line(item), item), path + ".components", name)
                    .ifPresent(together::add);
        }
        return Optional.of(Cure.by(together, "{components: " + together + "}"));
    }

    private List<ComponentId> spreadTargets(SpecNodes.Entry to, ComponentId from, int line) {
        if (to == null) {
            in.add(line, "spreads: missing to (dependents, or a list of components)");
            return List.of();
        }
        if (SpecNodes.isScalar(to.value()) && "dependents".equals(in.text(to))) {
            List<ComponentId> dependents = map.components().stream()
                    .filter(c -> c.after().contains(from)).map(Component::id).toList();
            if (dependents.isEmpty()) {
                in.add(to.line(), "spreads.to: no component names \"" + from + "\" in after:, so it has no dependents");
            }
            return dependents;
        }
        List<ComponentId> targets = new ArrayList<>();
        for (Node item : in.sequence(to.value(), "spreads.to")) {
            String name = SpecNodes.isScalar(item) ? in.scalar(item) : null;
            component(new SpecNodes.Entry("spreads.to", SpecNodes.line(item), item), "spreads.to", name)
                    .ifPresent(targets::add);
        }
        return targets;
    }

    Optional<ComponentId> component(SpecNodes.Entry entry, String path, String name) {
        if (name == null || !valid(name) || map.component(ComponentId.of(name)).isEmpty()) {
            String shown = name != null ? "\"" + name + "\"" : in.describe(entry.value());
            in.add(entry.line(), path + ": unknown component " + shown + " (not in " + map.source() + ")");
            return Optional.empty();
        }
        return Optional.of(ComponentId.of(name));
    }

    private Set<ComponentId> under(GroupId group) {
        Set<ComponentId> ids = new LinkedHashSet<>();
        map.componentsUnder(group).forEach(c -> ids.add(c.id()));
        return ids;
    }

    /** True if {@code name} is well formed as a group or component name (else it names nothing). */
    static boolean valid(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
