package io.respawn.facts.map;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a small tree that remembers the line of every key and value (a
 * Jackson {@code JsonNode} forgets them). Only what a restart map uses: mappings, lists
 * and scalars, whose text is kept as written.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** The 1-based line where the node starts. */
    int line();

    /** How the node reads in a "found ..." message: {@code a mapping}, {@code a list}, {@code "3s"}. */
    String describe();

    /** One key of a mapping, with the line of the key. */
    record Entry(String key, int line, YamlNode value) {
    }

    /** A mapping, its keys in the order written (a repeated key is kept once, the first time). */
    record Mapping(int line, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            for (Entry entry : entries) {                     // a loop: asked per key of every component
                if (entry.key().equals(key)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }

        boolean has(String key) {
            return entry(key).isPresent();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar as written ({@code 3s}, {@code 4500}, {@code yes}); {@code isNull} for
     * {@code ~}, {@code null} or nothing at all.
     */
    record Scalar(int line, String text, boolean isNull) implements YamlNode {
        boolean isEmpty() {
            return isNull || text.isEmpty();
        }

        @Override
        public String describe() {
            return isEmpty() ? "nothing" : "\"" + text + "\"";
        }
    }
}
