package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.map.Group;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Duration DEFAULT_RESTART = Duration.ofSeconds(1);

    private final SpecNodes in;
    private final RestartMap map;
    private final FaultReader faultReader;

    private SpecReader(String source, RestartMap map) {
        this.in = new SpecNodes(source);
        this.map = map;
        this.faultReader = new FaultReader(in, map);
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
        List<FaultClass> faults = top.containsKey("faults") ? faultReader.faults(top.get("faults")) : List.of();
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
                    if (!FaultReader.valid(name) || map.group(GroupId.of(name)).isEmpty()) {
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
                components.forEach((name, e) -> faultReader.component(e, "restart.components", name)
                        .ifPresent(c -> in.delay(e, "restart.components." + name).ifPresent(d -> out.put(c, d))));
            }
        }
        return fallback;
    }
}
