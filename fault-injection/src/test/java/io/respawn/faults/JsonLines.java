package io.respawn.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a JSON Lines file another process appends to: only whole lines (up to the last
 * newline), from where the previous read stopped. A line that is not JSON is counted.
 */
final class JsonLines {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private long offset;
    private long unreadable;

    JsonLines(Path file) {
        this.file = file;
    }

    /** Hands every whole line appended since the last call to {@code each}. */
    void readNew(Consumer<JsonNode> each) {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            byte[] bytes = new byte[Math.toIntExact(length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) {
                return;
            }
            offset += end + 1;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    parse(line, each);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(file + " - cannot read: " + e.getMessage(), e);
        }
    }

    long unreadable() {
        return unreadable;
    }

    /** Every whole line of {@code file}, parsed; unreadable lines are returned as their text in {@code bad}. */
    static List<JsonNode> readAll(Path file, List<String> bad) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                bad.add(file.getFileName() + ":" + number + ": " + (line.length() > 80 ? line.substring(0, 80) : line));
            }
        }
        return out;
    }

    private void parse(String line, Consumer<JsonNode> each) {
        try {
            each.accept(JSON.readTree(line));
        } catch (JsonProcessingException e) {
            unreadable++;
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
