package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import io.respawn.facts.DependencyPolicy;
import io.respawn.facts.GroupId;
import io.respawn.facts.StormPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the located YAML tree of a map into declarations: the top-level keys, then the
 * restart tree group by group. Every key is checked against the format; what is wrong is
 * reported and skipped.
 */
final class MapReader {
    /** The whole map as written. */
    record Read(Settings defaults, DependencyPolicy dependencyPolicy, StormPolicy stormPolicy,
                Declaration.GroupDecl root) {
    }

    private static final String SUPPORTED_VERSION = "1";

    private final Problems problems;

    private MapReader(Problems problems) {
        this.problems = problems;
    }

    /** The map, or empty when its top level is too broken to go on (reported). */
    static Optional<Read> read(YamlNode document, Problems problems) {
        return new MapReader(problems).top(document);
    }

    private Optional<Read> top(YamlNode document) {
        if (!(document instanceof YamlNode.Mapping mapping)) {
            problems.add(document.line(), "expected a mapping with version: and root:, found " + document.describe());
            return Optional.empty();
        }
        Section top = new Section(mapping, "the map", "", problems)
                .allow(Keys.TOP, key -> Keys.GROUP.contains(key) || Keys.COMPONENT.contains(key)
                        ? key + " belongs to a group or component, under root:" : null);
        version(top);
        Settings defaults = top.section("defaults").map(this::defaults).orElse(Settings.NONE);
        DependencyPolicy dependencyPolicy = dependencyInference(top);
        StormPolicy stormPolicy = storms(top);
        if (!top.has("root")) {
            problems.add(mapping.line(), "missing root (the top restart group: root: {group: ..., children: [...]})");
            return Optional.empty();
        }
        return root(top).map(root -> new Read(defaults, dependencyPolicy, stormPolicy, root));
    }

    private void version(Section top) {
        if (!top.has("version")) {
            problems.add(top.line(), "missing version (write version: 1 at the top)");
            return;
        }
        Located<String> version = top.text("version");
        if (version != null && !version.value().strip().equals(SUPPORTED_VERSION)) {
            top.problem("version", version.line(), "unsupported version \"" + version.value()
                    + "\" (this respawn reads version " + SUPPORTED_VERSION + ")");
        }
    }

    private DependencyPolicy dependencyInference(Section top) {
        Optional<Section> section = top.section("dependencyInference");
        section.ifPresent(s -> s.allow(Keys.DEPENDENCY_INFERENCE, key -> null));
        Duration window = section.map(s -> s.duration("window", Section.Bound.POSITIVE)).map(Located::value)
                .orElse(BuiltIn.DEPENDENCY_WINDOW);
        int occurrences = section.map(s -> s.whole("occurrences", 1, Integer.MAX_VALUE)).map(Located::value)
                .orElse(BuiltIn.DEPENDENCY_OCCURRENCES);
        return new DependencyPolicy(window.toMillis(), occurrences);
    }

    /** {@code restartBudget: {inFlight, timeout}} and {@code massFailure: {window, threshold} | none}. */
    private StormPolicy storms(Section top) {
        Optional<Section> budget = top.section("restartBudget");
        budget.ifPresent(s -> s.allow(Keys.RESTART_BUDGET, key -> null));
        int inFlight = budget.map(s -> s.whole("inFlight", 1, Integer.MAX_VALUE)).map(Located::value)
                .orElse(BuiltIn.BUDGET_IN_FLIGHT);
        Duration timeout = budget.map(s -> s.duration("timeout", Section.Bound.POSITIVE)).map(Located::value)
                .orElse(BuiltIn.BUDGET_TIMEOUT);
        Optional<YamlNode> mass = top.node("massFailure");
        if (mass.isPresent() && mass.get() instanceof YamlNode.Scalar s && s.text().strip().equals("none")) {
            return new StormPolicy(inFlight, timeout.toMillis(), 0, 0);
        }
        if (mass.isPresent() && !(mass.get() instanceof YamlNode.Mapping)) {
            top.problem("massFailure", mass.get().line(), "expected {window: ..., threshold: ...} or none, found "
                    + mass.get().describe());
            return new StormPolicy(inFlight, timeout.toMillis(), 0, 0);
        }
        Optional<Section> section = top.section("massFailure");
        section.ifPresent(s -> s.allow(Keys.MASS_FAILURE, key -> null));
        Duration window = section.map(s -> s.duration("window", Section.Bound.POSITIVE)).map(Located::value)
                .orElse(BuiltIn.MASS_WINDOW);
        int threshold = section.map(s -> s.whole("threshold", 2, Integer.MAX_VALUE)).map(Located::value)
                .orElse(BuiltIn.MASS_THRESHOLD);
        return new StormPolicy(inFlight, timeout.toMillis(), window.toMillis(), threshold);
    }

    private Optional<Declaration.GroupDecl> root(Section top) {
        YamlNode root = top.node("root").orElseThrow();
        if (!(root instanceof YamlNode.Mapping mapping) || !mapping.has("group")) {
            boolean component = root instanceof YamlNode.Mapping m && m.has("component");
            top.problem("root", root.line(), "must be a group (group: <name>, children: [...]), found "
                    + (component ? "a component" : root.describe()));
            return Optional.empty();
        }
        return Optional.of(group(mapping));
    }

    private Settings defaults(Section defaults) {
        defaults.allow(Keys.DEFAULTS, MapReader::misplacedInDefaults);
        return SettingsReader.read(defaults, Keys.DEFAULTS);
    }

    private Declaration.GroupDecl group(YamlNode.Mapping mapping) {
        Section group = new Section(mapping, "group " + rawName(mapping, "group"), "", problems)
                .allow(Keys.GROUP, MapReader::misplacedInGroup);
        Located<String> name = name(group, "group", GroupId::of);
        Settings own = SettingsReader.read(group, Keys.GROUP_SETTINGS);
        Settings defaults = group.section("defaults").map(this::defaults).orElse(Settings.NONE);
        return new Declaration.GroupDecl(name, group.lineOf("group"), own, defaults, children(group));
    }

    private List<Declaration> children(Section group) {
        if (!group.has("children")) {
            group.missing("children", " (a list of groups and components)");
            return List.of();
        }
        Optional<YamlNode.Sequence> list = group.sequence("children");
        if (list.isPresent() && list.get().items().isEmpty()) {
            group.problem("children", list.get().line(), "must list at least one group or component");
        }
        return list.map(l -> l.items().stream().map(this::child).filter(Objects::nonNull).toList()).orElse(List.of());
    }

    private Declaration child(YamlNode item) {
        if (!(item instanceof YamlNode.Mapping mapping)) {
            problems.add(item.line(), "children: expected a group (group: <name>) or a component"
                    + " (component: <name>), found " + item.describe());
            return null;
        }
        boolean group = mapping.has("group");
        boolean component = mapping.has("component");
        if (group == component) {
            problems.add(mapping.line(), group
                    ? "a child has both group: and component:; it is one or the other"
                    : "a child has neither group: nor component: (its keys: " + String.join(", ",
                    mapping.entries().stream().map(YamlNode.Entry::key).toList()) + ")");
            return null;
        }
        return group ? group(mapping) : component(mapping);
    }

    private Declaration.ComponentDecl component(YamlNode.Mapping mapping) {
        Section component = new Section(mapping, "component " + rawName(mapping, "component"), "", problems)
                .allow(Keys.COMPONENT, MapReader::misplacedInComponent);
        Located<String> name = name(component, "component", ComponentId::of);
        if (!component.has("command")) {
            component.missing("command", " (the argv to start it, e.g. command: [java, -jar, app.jar])");
        }
        Located<List<String>> command = component.argv("command");
        Optional<String> workdir = Optional.ofNullable(component.text("workdir")).map(Located::value);
        Map<String, String> env = env(component);
        List<Located<String>> after = component.list("after");
        Settings own = SettingsReader.read(component, Keys.COMPONENT_SETTINGS);
        return new Declaration.ComponentDecl(name, component.lineOf("component"), command, workdir, env, after, own);
    }

    private Map<String, String> env(Section component) {
        Map<String, String> env = component.stringMap("env");
        for (String variable : env.keySet()) {
            if (variable.isEmpty() || variable.contains("=")) {
                component.problem("env", component.lineOf("env"), "bad variable name \"" + variable + "\"");
            }
        }
        return env;
    }

    private <T> Located<String> name(Section section, String key, Function<String, T> check) {
        Located<String> name = section.text(key);
        if (name == null) {
            return null;
        }
        try {
            check.apply(name.value());
            return name;
        } catch (IllegalArgumentException e) {
            section.problem(key, name.line(), "bad name \"" + name.value()
                    + "\" (use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit)");
            return null;
        }
    }

    private static String rawName(YamlNode.Mapping mapping, String key) {
        return mapping.entry(key).map(YamlNode.Entry::value)
                .filter(v -> v instanceof YamlNode.Scalar s && !s.isEmpty())
                .map(v -> "\"" + ((YamlNode.Scalar) v).text() + "\"").orElse("(unnamed)");
    }

    private static String misplacedInGroup(String key) {
        if (Keys.COMPONENT_SETTINGS.contains(key)) {
            return key + " belongs to a component; to set it for every component below, put it under defaults:";
        }
        return Keys.COMPONENT_ONLY.contains(key) ? key + " belongs to a component" : null;
    }

    private static String misplacedInComponent(String key) {
        return Keys.GROUP.contains(key) ? key + " belongs to a group" : null;
    }

    private static String misplacedInDefaults(String key) {
        if (Keys.COMPONENT_ONLY.contains(key)) {
            return key + " is not inherited; set it on each component";
        }
        return Keys.GROUP.contains(key) ? key + " cannot be set in defaults:" : null;
    }
}
