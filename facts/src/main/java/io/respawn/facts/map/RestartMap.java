package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import io.respawn.facts.DeclaredDependency;
import io.respawn.facts.DependencyPolicy;
import io.respawn.facts.GroupId;
import io.respawn.facts.StormPolicy;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A restart map, loaded and checked: the restart tree of groups with components as
 * leaves, every value resolved (defaults inherited down the tree), and the policy facts
 * the rule session needs.
 *
 * <p>Lookups by id return {@link Optional}; the tree queries ({@link #parentOf},
 * {@link #smallestGroupOf}, {@link #componentsUnder}, {@link #startOrder}) take an id that
 * must be in the map and throw {@link IllegalArgumentException} otherwise. Lists are in
 * declaration order (the order the map is written in) unless said otherwise.
 */
public final class RestartMap {
    private static final int READ_KEPT = 2;
    /** The texts read lately, oldest first; a reader that finds a text being read waits for it. */
    private static final Map<Text, CompletableFuture<RestartMap>> READ = new LinkedHashMap<>();

    private record Text(String source, String yaml) {
    }

    private final String source;
    private final Group root;
    private final DependencyPolicy dependencyPolicy;
    private final List<DeclaredDependency> dependencies;
    private final StormPolicy stormPolicy;
    private final Map<GroupId, Group> groups = new LinkedHashMap<>();
    private final Map<ComponentId, Component> components = new LinkedHashMap<>();
    private final Map<GroupId, GroupId> parents = new LinkedHashMap<>();
    private final Map<ComponentId, GroupId> smallestGroups = new LinkedHashMap<>();

    private RestartMap(String source, Group root, DependencyPolicy dependencyPolicy, StormPolicy stormPolicy,
                       List<DeclaredDependency> dependencies) {
        this.source = source;
        this.root = root;
        this.dependencyPolicy = dependencyPolicy;
        this.stormPolicy = stormPolicy;
        this.dependencies = List.copyOf(dependencies);
        index(root, null);
    }

    /**
     * Reads and checks the map in {@code file} (UTF-8). Problems are reported against the
     * path as given.
     *
     * @throws MapException with every problem found, or why the file cannot be read
     */
    public static RestartMap load(Path file) throws MapException {
        String source = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MapException(List.of(new MapProblem(source, 0, "cannot read the map: no such file")));
        } catch (AccessDeniedException e) {
            throw new MapException(List.of(new MapProblem(source, 0, "cannot read the map: permission denied")));
        } catch (CharacterCodingException e) {
            throw new MapException(List.of(new MapProblem(source, 0, "cannot read the map: not UTF-8 text")));
        } catch (IOException e) {
            throw new MapException(List.of(new MapProblem(source, 0, "cannot read the map: " + e)));
        }
        return parse(yaml, source);
    }

    /**
     * Reads and checks a map from its text. The last {@value #READ_KEPT} texts read are read
     * once each and their maps shared (a map is immutable): a journal's map fact is read by
     * the rule session, the next checkpoint's writer and the status board, often at the same
     * moment on different threads, and a map of 10,000 components takes about a second to
     * read in a young JVM (0.2–0.4 s once warm). A text that is not a valid map is not kept.
     *
     * @param source where the text came from (a file name), used in problems as {@code source:line: message}
     * @throws MapException with every problem found
     */
    public static RestartMap parse(String yaml, String source) throws MapException {
        Text key = new Text(source, yaml);
        CompletableFuture<RestartMap> mine = new CompletableFuture<>();
        CompletableFuture<RestartMap> theirs;
        synchronized (READ) {
            theirs = READ.get(key);
            if (theirs == null) {
                READ.put(key, mine);
                while (READ.size() > READ_KEPT) {
                    READ.remove(READ.keySet().iterator().next());
                }
            }
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof MapException problems) {
                    throw new MapException(problems.problems());
                }
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw e;
            }
        }
        try {
            RestartMap map = read(yaml, source);
            mine.complete(map);
            return map;
        } catch (MapException | RuntimeException | Error e) {
            synchronized (READ) {
                READ.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static RestartMap read(String yaml, String source) throws MapException {
        Problems problems = new Problems(source);
        Optional<YamlNode> document = YamlTreeReader.read(yaml, problems);
        Optional<MapReader.Read> read = document.flatMap(d -> MapReader.read(d, problems));
        read.ifPresent(r -> NameChecks.check(r.root(), problems));
        Optional<Group> root = read.flatMap(r -> TreeBuilder.build(r.root(), r.defaults(), problems));
        List<DeclaredDependency> dependencies = root.map(r -> DeclaredDependencies.read(document.orElseThrow(),
                componentNames(r), groupNames(r), problems)).orElse(List.of());
        problems.throwIfAny();
        return new RestartMap(source, root.orElseThrow(), read.orElseThrow().dependencyPolicy(),
                read.orElseThrow().stormPolicy(), dependencies);
    }

    /** Where the map was read from, as given to {@link #load} or {@link #parse}. */
    public String source() {
        return source;
    }

    /** The top restart group; the whole tree hangs from it. */
    public Group root() {
        return root;
    }

    public Optional<Group> group(GroupId id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Optional<Component> component(ComponentId id) {
        return Optional.ofNullable(components.get(id));
    }

    /** Every group, the root first, each before the groups below it. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** Every component, in declaration order. */
    public List<Component> components() {
        return List.copyOf(components.values());
    }

    /** The group directly above {@code group}; empty for the root. */
    public Optional<GroupId> parentOf(GroupId group) {
        requireGroup(group);
        return Optional.ofNullable(parents.get(group));
    }

    /** The group the component sits in directly: the smallest group whose restart restarts it. */
    public GroupId smallestGroupOf(ComponentId component) {
        if (!components.containsKey(component)) {
            throw new IllegalArgumentException("component - not in the map " + source + ": \"" + component + "\"");
        }
        return smallestGroups.get(component);
    }

    /** Every component below {@code group}, at any depth: what restarting the group restarts. */
    public List<Component> componentsUnder(GroupId group) {
        requireGroup(group);
        List<Component> out = new ArrayList<>();
        collect(groups.get(group), out);
        return List.copyOf(out);
    }

    /**
     * The components below {@code group} in the order to start them: each after the
     * members it names in {@code after:}, ties in declaration order. Only {@code after:}
     * constraints between members count.
     */
    public List<Component> startOrder(GroupId group) {
        return StartOrder.of(componentsUnder(group));
    }

    /** The components the agent on {@code node} runs. */
    public List<Component> componentsOn(String node) {
        return components.values().stream().filter(c -> c.node().equals(node)).toList();
    }

    public DependencyPolicy dependencyPolicy() {
        return dependencyPolicy;
    }

    /** The dependencies the map declares ({@code dependencies:}), in the order written. */
    public List<DeclaredDependency> dependencies() {
        return dependencies;
    }

    /** The restart budget and mass-failure settings ({@code restartBudget}, {@code massFailure}). */
    public StormPolicy stormPolicy() {
        return stormPolicy;
    }

    /**
     * The facts a rule session needs from this map: one
     * {@link io.respawn.facts.GroupPolicy} per group (as {@link #groups()}), one
     * {@link io.respawn.facts.ComponentPolicy} per component (as {@link #components()}),
     * one {@link io.respawn.facts.Membership} per component and each group enclosing it at
     * any depth (per component, nearest group first), the {@link DependencyPolicy}, then
     * one {@link io.respawn.facts.BackoffPolicy} per group (as {@link #groups()}), the
     * {@link StormPolicy}, then one {@link DeclaredDependency} per declared dependency.
     */
    public List<Object> policyFacts() {
        return PolicyFacts.of(this);
    }

    @Override
    public String toString() {
        return "RestartMap[" + source + ": " + groups.size() + " groups, " + components.size() + " components]";
    }

    private void index(Group group, GroupId parent) {
        groups.put(group.id(), group);
        if (parent != null) {
            parents.put(group.id(), parent);
        }
        for (Child child : group.children()) {
            if (child instanceof Group g) {
                index(g, group.id());
            } else {
                Component component = (Component) child;
                components.put(component.id(), component);
                smallestGroups.put(component.id(), group.id());
            }
        }
    }

    private static java.util.Set<String> componentNames(Group root) {
        java.util.Set<String> names = new java.util.HashSet<>();
        collect(root, new ArrayList<>()).forEach(c -> names.add(c.name()));
        return names;
    }

    private static java.util.Set<String> groupNames(Group group) {
        java.util.Set<String> names = new java.util.HashSet<>();
        names.add(group.name());
        for (Child child : group.children()) {
            if (child instanceof Group g) {
                names.addAll(groupNames(g));
            }
        }
        return names;
    }

    private static List<Component> collect(Group group, List<Component> out) {
        for (Child child : group.children()) {
            if (child instanceof Group g) {
                collect(g, out);
            } else {
                out.add((Component) child);
            }
        }
        return out;
    }

    private void requireGroup(GroupId group) {
        if (!groups.containsKey(group)) {
            throw new IllegalArgumentException("group - not in the map " + source + ": \"" + group + "\"");
        }
    }
}
