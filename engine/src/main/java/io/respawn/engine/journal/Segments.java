package io.respawn.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a journal's files are named. The journal {@code respawn-data/journal.jsonl} is the
 * live segment; a full one is renamed {@code journal.000001.jsonl}, {@code journal.000002.jsonl},
 * ... (sealed, never written again) and a new live segment begins; the latest checkpoint is
 * {@code journal.checkpoint.jsonl}. The live segment's number is one more than the last
 * sealed one.
 */
final class Segments {
    private static final Pattern SEALED = Pattern.compile("(.+)\\.(\\d{6,})\\.jsonl");

    private final Path live;
    private final Path dir;
    private final String stem;

    Segments(Path live) {
        this.live = live.toAbsolutePath();
        this.dir = this.live.getParent();
        String name = this.live.getFileName().toString();
        this.stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    Path live() {
        return live;
    }

    Path dir() {
        return dir;
    }

    Path sealed(long number) {
        return dir.resolve(String.format(Locale.ROOT, "%s.%06d.jsonl", stem, number));
    }

    Path checkpoint() {
        return dir.resolve(stem + ".checkpoint.jsonl");
    }

    /** The file whose lock says which engine writes the journal ({@link JournalLock}). */
    Path lock() {
        return dir.resolve(stem + ".lock");
    }

    /** Sealed segments by number, oldest first. */
    TreeMap<Long, Path> sealed() {
        TreeMap<Long, Path> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = SEALED.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).equals(stem)) {
                    found.put(Long.parseLong(m.group(2)), f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(dir + " - cannot list journal segments", e);
        }
        return found;
    }

    /** The live segment's number. */
    long liveNumber() {
        TreeMap<Long, Path> sealed = sealed();
        return sealed.isEmpty() ? 1 : sealed.lastKey() + 1;
    }

    /** The file of segment {@code number}: sealed, or the live one. */
    Path file(long number) {
        return number == liveNumber() ? live : sealed(number);
    }

    /** Every segment in order: the sealed ones, then the live one if it exists. */
    List<Path> all() {
        List<Path> files = new ArrayList<>(sealed().values());
        if (Files.exists(live)) {
            files.add(live);
        }
        return files;
    }

    /**
     * The segments of a journal given as a directory (its one journal's segments), a live
     * segment (it and its sealed predecessors), or a sealed segment (itself).
     */
    static List<Path> of(Path given) {
        if (!Files.exists(given)) {
            return List.of(given);                            // let the reader say it cannot be opened
        }
        if (Files.isDirectory(given)) {
            List<String> stems = new ArrayList<>();
            try (Stream<Path> files = Files.list(given)) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".jsonl") && !n.endsWith(".checkpoint.jsonl")
                                && !SEALED.matcher(n).matches())
                        .sorted()
                        .forEach(stems::add);
            } catch (IOException e) {
                throw new UncheckedIOException(given + " - cannot list journal segments", e);
            }
            if (stems.size() != 1) {
                throw new IllegalArgumentException(given + " - expected one journal (a live segment NAME.jsonl), found "
                        + (stems.isEmpty() ? "none" : stems));
            }
            return new Segments(given.resolve(stems.get(0))).all();
        }
        if (SEALED.matcher(given.getFileName().toString()).matches()) {
            return List.of(given);
        }
        return new Segments(given).all();
    }
}
