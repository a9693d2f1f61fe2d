package io.respawn.facts.map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads YAML text into a {@link YamlNode} tree with the streaming parser, which knows the
 * line of every token. A syntax error, an alias or a second document stops the reading
 * and is reported; a repeated key is reported and the reading carries on.
 */
final class YamlTreeReader {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    /** How the YAML parser names a position in its messages: {@code in 'reader', line 5, column 3:}. */
    private static final Pattern MARK = Pattern.compile(", line (\\d+), column \\d+:");

    private final Problems problems;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document, or empty if it is empty or could not be read (the problem is reported). */
    static Optional<YamlNode> read(String yaml, Problems problems) {
        return new YamlTreeReader(problems).document(yaml);
    }

    private Optional<YamlNode> document(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                problems.add(0, "the map is empty (it needs at least version: 1 and root:)");
                return Optional.empty();
            }
            YamlNode root = node(parser);
            if (parser.nextToken() != null) {
                problems.add(line(parser), "a second YAML document (---); a map is one document");
            }
            return Optional.of(root);
        } catch (StreamReadException e) {
            problems.add(syntaxLine(e), "YAML syntax: " + syntaxMessage(e.getOriginalMessage()));
            return Optional.empty();
        } catch (AliasException e) {
            problems.add(e.line, "YAML aliases (*" + e.name + ") are not supported; share settings with defaults:");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
    }

    private YamlNode node(JsonParser parser) throws IOException {
        int line = line(parser);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new AliasException(line, parser.getText());
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(parser, line);
            case START_ARRAY -> sequence(parser, line);
            case VALUE_NULL -> new YamlNode.Scalar(line, "", true);
            default -> new YamlNode.Scalar(line, parser.getText(), false);
        };
    }

    private YamlNode.Mapping mapping(JsonParser parser, int line) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            parser.nextToken();
            YamlNode value = node(parser);
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first == null) {
                entries.add(new YamlNode.Entry(key, keyLine, value));
            } else {
                problems.add(keyLine, "duplicate key \"" + key + "\" (first at line " + first + ")");
            }
        }
        return new YamlNode.Mapping(line, entries);
    }

    private YamlNode.Sequence sequence(JsonParser parser, int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser));
        }
        return new YamlNode.Sequence(line, items);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * The line of a syntax error: the last position the YAML parser names in its message
     * (where it found what it did not expect), else where Jackson stopped.
     */
    private static int syntaxLine(StreamReadException e) {
        Matcher mark = MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        int line = -1;
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
        }
        if (line < 0 && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return Math.max(line, 0);
    }

    /** The parser's own words, without its copy of the offending line and its position markers. */
    static String syntaxMessage(String raw) {
        if (raw == null || raw.isBlank()) {
            return "cannot be parsed";
        }
        if (raw.startsWith("Expected a field name")) {
            return "a mapping key must be a plain value, not a list or a mapping";
        }
        return raw.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
    }

    /** An alias stops the reading: Jackson reads it as the anchor's name, not the anchored value. */
    private static final class AliasException extends RuntimeException {
        private final int line;
        private final String name;

        AliasException(int line, String name) {
            super(null, null, false, false);
            this.line = line;
            this.name = name;
        }
    }
}
