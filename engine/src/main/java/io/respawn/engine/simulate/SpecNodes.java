package io.respawn.engine.simulate;

import io.respawn.facts.map.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the values of a spec's YAML nodes and collects what is wrong with them, each
 * with the line of the offending key or value, so the reader carries on and reports all.
 */
final class SpecNodes {
    /** A key of a mapping, with the line of the key and its value. */
    record Entry(String key, int line, Node value) {
    }

    private record Problem(int line, String message) {
    }

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    SpecNodes(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(int line, String message) {
        Problem problem = new Problem(Math.max(0, line), message);
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    boolean any() {
        return !problems.isEmpty();
    }

    int count() {
        return problems.size();
    }

    void throwIfAny() throws SpecException {
        if (any()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(Problem::line));
            throw new SpecException(sorted.stream()
                    .map(p -> p.line() == 0 ? source + ": " + p.message() : source + ":" + p.line() + ": " + p.message())
                    .toList());
        }
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isScalar(Node node) {
        return node instanceof ScalarNode;
    }

    /**
     * The keys of a mapping in the order written, or null (reported) if {@code node} is not
     * one; a key not in {@code known} (null: any key) or written twice is reported.
     */
    Map<String, Entry> mapping(Node node, String what, List<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            add(line(node), what + ": expected a mapping, found " + describe(node));
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                add(line(keyNode), what + ": a key must be a plain value, not a list or a mapping");
                continue;
            }
            int keyLine = line(keyNode);
            Entry first = entries.get(key.getValue());
            if (first != null) {
                add(keyLine, "duplicate key \"" + key.getValue() + "\" (first at line " + first.line() + ")");
            } else if (known != null && !known.contains(key.getValue())) {
                add(keyLine, "unknown key \"" + key.getValue() + "\" in " + what + " (known: "
                        + String.join(", ", known) + ")");
            } else {
                entries.put(key.getValue(), new Entry(key.getValue(), keyLine, tuple.getValueNode()));
            }
        }
        return entries;
    }

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            add(line(node), what + ": expected a list, found " + describe(node));
            return List.of();
        }
        return sequence.getValue();
    }

    /** The text of a scalar value, or null (reported) for a list or mapping. */
    String text(Entry entry) {
        if (!(entry.value() instanceof ScalarNode scalar)) {
            add(entry.line(), entry.key() + ": expected a value, found " + describe(entry.value()));
            return null;
        }
        return scalar.getValue();
    }

    String scalar(Node node) {
        return ((ScalarNode) node).getValue();
    }

    Optional<Long> longValue(Entry entry, String path) {
        String text = text(entry);
        if (text == null) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                add(entry.line(), path + ": must not be negative, found \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            add(entry.line(), path + ": expected a whole number, found \"" + text + "\"");
            return Optional.empty();
        }
    }

    Optional<Duration> duration(Entry entry, String path, boolean positive) {
        String text = text(entry);
        if (text == null) {
            return Optional.empty();
        }
        return duration(text, entry.line(), path, positive);
    }

    private Optional<Duration> duration(String text, int line, String path, boolean positive) {
        try {
            Duration d = Durations.parse(text);
            if (positive && d.isZero()) {
                add(line, path + ": must be greater than 0, found \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            add(line, path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code 2s}, {@code {uniform: [1s, 3s]}} or {@code {exponential: 2s}}. */
    Optional<Delay> delay(Entry entry, String path) {
        if (entry.value() instanceof ScalarNode) {
            return duration(entry, path, false).map(Delay.Fixed::new);
        }
        Map<String, Entry> keys = mapping(entry.value(), path, List.of("uniform", "exponential"));
        if (keys == null) {
            return Optional.empty();
        }
        if (keys.size() != 1) {
            add(entry.line(), path + ": give one of a duration, {uniform: [low, high]}, {exponential: mean}");
            return Optional.empty();
        }
        if (keys.containsKey("exponential")) {
            return duration(keys.get("exponential"), path + ".exponential", true).map(Delay.Exponential::new);
        }
        Entry uniform = keys.get("uniform");
        List<Node> bounds = sequence(uniform.value(), path + ".uniform");
        if (bounds.size() != 2 || !bounds.stream().allMatch(SpecNodes::isScalar)) {
            add(uniform.line(), path + ".uniform: expected [low, high], two durations");
            return Optional.empty();
        }
        Optional<Duration> low = duration(scalar(bounds.get(0)), uniform.line(), path + ".uniform", false);
        Optional<Duration> high = duration(scalar(bounds.get(1)), uniform.line(), path + ".uniform", false);
        if (low.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        if (high.get().compareTo(low.get()) < 0) {
            add(uniform.line(), path + ".uniform: high " + scalar(bounds.get(1)) + " is below low "
                    + scalar(bounds.get(0)));
            return Optional.empty();
        }
        return Optional.of(new Delay.Uniform(low.get(), high.get()));
    }

    String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().isEmpty() ? "nothing" : "\"" + scalar.getValue() + "\"";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
