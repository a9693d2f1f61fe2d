package io.respawn.engine.service;

import io.respawn.facts.ComponentId;
import io.respawn.facts.DeclaredDependency;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a declared dependency into the text of a restart map, keeping everything else as
 * the operator wrote it: the item goes at the end of the top-level {@code dependencies:}
 * list (added at the end of the file when there is none), in the list's own indentation.
 * The result is parsed again and must declare the dependency, or nothing is written.
 */
final class MapEdit {
    private static final Pattern KEY = Pattern.compile("^dependencies:[ \\t]*(?<value>[^#]*?)[ \\t]*(#.*)?$");

    private MapEdit() {
    }

    /**
     * The map text with {@code dependent -> dependsOn} declared; the same text when it is
     * declared already.
     *
     * @throws IllegalStateException when the list is written in a form this cannot extend (a
     *                               flow list over several lines), or the result does not parse
     */
    static String withDependency(String yaml, String source, ComponentId dependent, ComponentId dependsOn) {
        DeclaredDependency wanted = new DeclaredDependency(dependent, dependsOn);
        if (parse(yaml, source).dependencies().contains(wanted)) {
            return yaml;
        }
        String item = "{dependent: " + dependent.name() + ", dependsOn: " + dependsOn.name() + "}";
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);   // the text's final newline
        }
        int key = findKey(lines);
        if (key < 0) {
            lines.add("dependencies:");
            lines.add("  - " + item);
        } else {
            insertItem(lines, key, item, source);
        }
        String edited = String.join("\n", lines) + "\n";
        if (!parse(edited, source).dependencies().contains(wanted)) {
            throw new IllegalStateException(source + " - could not add " + dependent + " -> " + dependsOn
                    + " to its dependencies: list; add it by hand");
        }
        return edited;
    }

    /**
     * Replaces {@code file} with {@code text}: the old file is kept as {@code file.bak}, the new
     * one written to a temporary file beside it, forced to disk and moved over the old one.
     */
    static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot write the restart map", e);
        }
    }

    private static int findKey(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (KEY.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static void insertItem(List<String> lines, int key, String item, String source) {
        Matcher matcher = KEY.matcher(lines.get(key));
        matcher.matches();
        String value = matcher.group("value");
        if (value.equals("[]")) {
            lines.set(key, "dependencies:");
            lines.add(key + 1, "  - " + item);
        } else if (value.startsWith("[") && value.endsWith("]")) {
            int close = lines.get(key).lastIndexOf(']');
            String line = lines.get(key);
            lines.set(key, line.substring(0, close).stripTrailing() + ", " + item + line.substring(close));
        } else if (value.isEmpty()) {
            int last = key;
            String indent = null;
            for (int i = key + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '-') {
                    break;   // the next top-level key
                }
                if (indent == null && trimmed.startsWith("-")) {
                    indent = line.substring(0, line.indexOf('-'));
                }
                last = i;
            }
            lines.add(last + 1, (indent == null ? "  " : indent) + "- " + item);
        } else {
            throw new IllegalStateException(source + " - its dependencies: list is written in a form that cannot be"
                    + " extended line by line (" + value + "); add " + item + " by hand");
        }
    }

    private static RestartMap parse(String yaml, String source) {
        try {
            return RestartMap.parse(yaml, source);
        } catch (MapException e) {
            throw new IllegalStateException(source + " - the restart map does not parse:\n" + e.getMessage(), e);
        }
    }
}
