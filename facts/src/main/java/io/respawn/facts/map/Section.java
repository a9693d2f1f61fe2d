package io.respawn.facts.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One mapping of a map (a group, a component, {@code defaults}, a {@code heartbeat}, ...)
 * read key by key into typed values. Whatever is wrong is reported with the line of the
 * offending key or value, prefixed by the key's path ({@code heartbeat.timeout: ...}),
 * and read as absent ({@code null} or empty), so the caller carries on and finds more.
 */
final class Section {
    /** The smallest duration a key accepts. */
    enum Bound { ZERO_OR_MORE, POSITIVE }

    private final YamlNode.Mapping mapping;
    private final String subject;
    private final String prefix;
    private final Problems problems;

    /**
     * @param subject what the mapping is, for "unknown key ... in" and "missing" messages:
     *                {@code group "iroom"}, {@code heartbeat}
     * @param prefix  put before a key in a value's message: {@code ""}, {@code heartbeat.}
     */
    Section(YamlNode.Mapping mapping, String subject, String prefix, Problems problems) {
        this.mapping = mapping;
        this.subject = subject;
        this.prefix = prefix;
        this.problems = problems;
    }

    /**
     * Reports every key not in {@code known}, explained by {@code misplaced} (a hint for a key
     * that belongs elsewhere, or null) or with the nearest known key as a suggestion.
     */
    Section allow(List<String> known, Function<String, String> misplaced) {
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!known.contains(entry.key())) {
                String hint = misplaced.apply(entry.key());
                if (hint == null) {
                    hint = Spelling.nearest(entry.key(), known).map(k -> "did you mean \"" + k + "\"?").orElse(null);
                }
                problems.add(entry.line(), "unknown key \"" + entry.key() + "\" in " + subject
                        + (hint == null ? "" : " (" + hint + ")"));
            }
        }
        return this;
    }

    Problems problems() {
        return problems;
    }

    String subject() {
        return subject;
    }

    int line() {
        return mapping.line();
    }

    boolean has(String key) {
        return mapping.has(key);
    }

    /** The line of {@code key}, or of the mapping when the key is absent. */
    int lineOf(String key) {
        return mapping.entry(key).map(YamlNode.Entry::line).orElse(mapping.line());
    }

    Optional<YamlNode> node(String key) {
        return mapping.entry(key).map(YamlNode.Entry::value);
    }

    /** Reports {@code <prefix><key>: <message>} at {@code line}. */
    void problem(String key, int line, String message) {
        problems.add(line, prefix + key + ": " + message);
    }

    /** Reports {@code <subject>: missing <key><hint>} at the mapping's line. */
    void missing(String key, String hint) {
        problems.add(line(), subject + ": missing " + key + hint);
    }

    /** A non-empty scalar, as written. */
    Located<String> text(String key) {
        Located<String> value = scalar(key, "a value");
        if (value != null && value.value().isEmpty()) {
            problem(key, value.line(), "missing value");
            return null;
        }
        return value;
    }

    /** A scalar, as written; empty allowed. */
    Located<String> textOrEmpty(String key) {
        return scalar(key, "a value");
    }

    Located<Duration> duration(String key, Bound bound) {
        Located<String> text = scalar(key, "a duration (e.g. 250ms, 3s, 1m)");
        if (text == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(text.value());
            if (bound == Bound.POSITIVE && d.isZero()) {
                problem(key, text.line(), "must be greater than 0: \"" + text.value() + "\"");
                return null;
            }
            return new Located<>(d, text.line());
        } catch (IllegalArgumentException e) {
            problem(key, text.line(), e.getMessage());
            return null;
        }
    }

    Located<Integer> whole(String key, int min, int max) {
        Located<String> text = scalar(key, "a whole number");
        if (text == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(text.value().strip());
        } catch (NumberFormatException e) {
            problem(key, text.line(), "expected a whole number, found \"" + text.value() + "\"");
            return null;
        }
        if (n < min || n > max) {
            problem(key, text.line(), (n < min ? "must be at least " + min : "must be at most " + max) + ": " + n);
            return null;
        }
        return new Located<>(n, text.line());
    }

    Located<Long> size(String key) {
        return parsed(key, "a size (e.g. 512KiB, 200MiB, 1GiB)", Sizes::parse);
    }

    Located<Double> percent(String key) {
        return parsed(key, "a percentage (e.g. 90%)", Percent::parse);
    }

    /** A non-empty list of non-empty scalars, a command's argv. */
    Located<List<String>> argv(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return null;
        }
        if (!(node.get() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
            String found = node.get() instanceof YamlNode.Sequence ? "an empty list" : node.get().describe();
            problem(key, node.get().line(), "expected a list of strings, e.g. [java, -jar, app.jar], found " + found);
            return null;
        }
        List<Located<String>> items = strings(key, list);
        return items.size() < list.items().size() ? null
                : new Located<>(items.stream().map(Located::value).toList(), list.line());
    }

    /** A list of non-empty scalars (an empty list is allowed); empty when absent or wrong. */
    List<Located<String>> list(String key) {
        return sequence(key).map(list -> strings(key, list)).orElse(List.of());
    }

    /** A mapping of names to scalars (empty values allowed), in the order written. */
    Map<String, String> stringMap(String key) {
        Optional<Section> section = section(key);
        if (section.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : section.get().mapping.entries()) {
            Located<String> value = section.get().textOrEmpty(entry.key());
            if (value != null) {
                out.put(entry.key(), value.value());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A nested mapping, as a section whose messages are prefixed with this key. */
    Optional<Section> section(String key) {
        return typed(key, YamlNode.Mapping.class, "a mapping")
                .map(m -> new Section(m, prefix + key, prefix + key + ".", problems));
    }

    Optional<YamlNode.Sequence> sequence(String key) {
        return typed(key, YamlNode.Sequence.class, "a list");
    }

    private <T extends YamlNode> Optional<T> typed(String key, Class<T> type, String expected) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!type.isInstance(node.get())) {
            problem(key, node.get().line(), "expected " + expected + ", found " + node.get().describe());
            return Optional.empty();
        }
        return Optional.of(type.cast(node.get()));
    }

    private <T> Located<T> parsed(String key, String expected, Function<String, T> parse) {
        Located<String> text = scalar(key, expected);
        if (text == null) {
            return null;
        }
        try {
            return new Located<>(parse.apply(text.value()), text.line());
        } catch (IllegalArgumentException e) {
            problem(key, text.line(), e.getMessage());
            return null;
        }
    }

    private Located<String> scalar(String key, String expected) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return null;
        }
        if (!(node.get() instanceof YamlNode.Scalar scalar)) {
            problem(key, node.get().line(), "expected " + expected + ", found " + node.get().describe());
            return null;
        }
        if (scalar.isNull()) {
            problem(key, scalar.line(), "missing value");
            return null;
        }
        return new Located<>(scalar.text(), scalar.line());
    }

    private List<Located<String>> strings(String key, YamlNode.Sequence list) {
        List<Located<String>> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlNode.Scalar s && !s.isEmpty()) {
                out.add(new Located<>(s.text(), s.line()));
            } else {
                problem(key, item.line(), "expected a list of strings, found " + item.describe() + " in the list");
            }
        }
        return out;
    }
}
