package io.respawn.engine.simulate;

import io.respawn.engine.simulate.FaultClass.Cure;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.Group;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a simulation spec (YAML) and checks it against the restart map it is for. Every
 * problem is reported, not only the first, each as {@code file:line: message}, sorted by
 * line. The format is documented in {@code docs/simulation.md}:
 *
 * <pre>
 * version: 1
 * seed: 7
 * duration: 6h
 * operator: 15m                     # optional
 * restart: {default: 1s, groups: {apps: 2s}, components: {eheap: {uniform: [4s, 6s]}}}
 * faults:
 *   - {name: browser-crash, component: multibrowse, kind: crash, every: 10m, curedBy: component}
 * </pre>
 */
public final class SpecReader {
    private static final List<String> TOP = List.of("version", "seed", "duration", "operator", "restart", "faults");
    private static final List<String> RESTART = List.of("default", "groups", "components");
    private static final List<String> FAULT = List.of("name", "component", "kind", "every", "curedBy", "recurs",
            "spreads");
    private static final Duration DEFAULT_RESTART = Duration.ofSeconds(1);
    private static final Duration DEFAULT_RECURS = Duration.ofSeconds(1);

    private final SpecNodes in;
    private final RestartMap map;

    private SpecReader(String source, RestartMap map) {
        this.in = new SpecNodes(source);
        this.map = map;
    }

    /** Reads and checks the spec in {@code file} against {@code map}. */
    public static SimulationSpec load(Path file, RestartMap map) throws SpecException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException(List.of(file + ": cannot read the simulation spec: no such file"));
        } catch (IOException e) {
            throw new SpecException(List.of(file + ": cannot read the simulation spec: " + e.getMessage()));
        }
        return parse(yaml, file.toString(), map);
    }

    /** Reads and checks a spec from its text; {@code source} names it in messages. */
    public static SimulationSpec parse(String yaml, String source, RestartMap map) throws SpecException {
        SpecReader reader = new SpecReader(source, map);
        Optional<SimulationSpec> spec = reader.document(yaml);
        reader.in.throwIfAny();
        return spec.orElseThrow();
    }

    private Optional<SimulationSpec> document(String yaml) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
        } catch (MarkedYAMLException e) {
            in.add(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, "YAML syntax: " + e.getProblem());
            return Optional.empty();
        } catch (YAMLException e) {
            in.add(0, "YAML syntax: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            in.add(0, "the spec is empty (it needs at least version: 1 and duration:)");
            return Optional.empty();
        }
        Map<String, SpecNodes.Entry> top = in.mapping(root, "the spec", TOP);
        if (top == null) {
            return Optional.empty();
        }
        SpecNodes.Entry version = top.get("version");
        if (version == null) {
            in.add(1, "missing version (write version: 1)");
        } else if (!"1".equals(in.text(version))) {
            in.add(version.line(), "version: must be 1, found " + in.describe(version.value()));
        }
        long seed = top.containsKey("seed") ? in.longValue(top.get("seed"), "seed").orElse(1L) : 1L;
        Duration duration = null;
        if (top.get("duration") == null) {
            in.add(1, "missing duration (how much simulated time to run, e.g. duration: 6h)");
        } else {
            duration = in.duration(top.get("duration"), "duration", true).orElse(null);
        }
        Optional<Duration> operator = top.containsKey("operator")
                ? in.duration(top.get("operator"), "operator", false) : Optional.empty();
        Delay defaultRestart = new Delay.Fixed(DEFAULT_RESTART);
        Map<ComponentId, Delay> restarts = new HashMap<>();
        if (top.containsKey("restart")) {
            defaultRestart = restarts(top.get("restart"), restarts);
        }
        List<FaultClass> faults = top.containsKey("faults") ? faults(top.get("faults")) : List.of();
        if (in.any() || duration == null) {
            return Optional.empty();
        }
        return Optional.of(new SimulationSpec(in.source(), seed, duration, defaultRestart, restarts, faults,
                operator));
    }

    /** Fills in a restart time per component (own, else nearest group's); returns the default. */
    private Delay restarts(SpecNodes.Entry entry, Map<ComponentId, Delay> out) {
        Map<String, SpecNodes.Entry> keys = in.mapping(entry.value(), "restart", RESTART);
        if (keys == null) {
            return new Delay.Fixed(DEFAULT_RESTART);
        }
        Delay fallback = keys.containsKey("default")
                ? in.delay(keys.get("default"), "restart.default").orElse(new Delay.Fixed(DEFAULT_RESTART))
                : new Delay.Fixed(DEFAULT_RESTART);
        Map<GroupId, Delay> byGroup = new HashMap<>();
        if (keys.containsKey("groups")) {
            Map<String, SpecNodes.Entry> groups = in.mapping(keys.get("groups").value(), "restart.groups", null);
            if (groups != null) {
                groups.forEach((name, e) -> {
                    if (!valid(name) || map.group(GroupId.of(name)).isEmpty()) {
                        in.add(e.line(), "restart.groups: unknown group \"" + name + "\" (not in " + map.source() + ")");
                    } else {
                        in.delay(e, "restart.groups." + name).ifPresent(d -> byGroup.put(GroupId.of(name), d));
                    }
                });
            }
        }
        for (Group group : map.groups()) {                     // the root first: nearer groups overwrite
            Delay delay = byGroup.get(group.id());
            if (delay != null) {
                map.componentsUnder(group.id()).forEach(c -> out.put(c.id(), delay));
            }
        }
        if (keys.containsKey("components")) {
            Map<String, SpecNodes.Entry> components =
                    in.mapping(keys.get("components").value(), "restart.components", null);
            if (components != null) {
                components.forEach((name, e) -> component(e, "restart.components", name)
                        .ifPresent(c -> in.delay(e, "restart.components." + name).ifPresent(d -> out.put(c, d))));
            }
        }
        return fallback;
    }

    private List<FaultClass> faults(SpecNodes.Entry entry) {
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
        FaultClass.Kind kind = FaultClass.Kind.CRASH;
        if (keys.containsKey("kind")) {
            String text = in.text(keys.get("kind"));
            if ("crash".equals(text) || "hang".equals(text)) {
                kind = FaultClass.Kind.valueOf(text.toUpperCase(java.util.Locale.ROOT));
            } else {
                in.add(keys.get("kind").line(), "kind: must be crash or hang, found " + in.describe(keys.get("kind").value()));
            }
        }
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
        if (keys.containsKey("spreads") && component != null) {
            Map<String, SpecNodes.Entry> spreads = in.mapping(keys.get("spreads").value(), "spreads",
                    List.of("to", "after"));
            if (spreads != null) {
                spreadTo = spreadTargets(spreads.get("to"), component, keys.get("spreads").line());
                if (spreads.containsKey("after")) {
                    spreadAfter = in.duration(spreads.get("after"), "spreads.after", false).orElse(Duration.ZERO);
                }
            }
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

    private Optional<ComponentId> component(SpecNodes.Entry entry, String path, String name) {
        if (name == null || !valid(name) || map.component(ComponentId.of(name)).isEmpty()) {
            in.add(entry.line(), path + ": unknown component " + in.describe(entry.value()) + " (not in "
                    + map.source() + ")");
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
    private static boolean valid(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
