package io.respawn.engine.journal;

import io.respawn.facts.map.Durations;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which sealed journal segments are kept after a rotation: at most {@code segments} of them
 * (0: no limit) and none whose last write is older than {@code age} (null: no limit). A
 * segment past either limit is deleted, or moved into {@code archive} when one is given.
 * A segment the latest checkpoint still needs (its own or a later one) is always kept, so
 * recovery never loses what it replays; without a checkpoint nothing is removed.
 */
public record Retention(int segments, Duration age, Path archive) {
    /** Keep the 16 newest sealed segments (1 GiB with the default 64 MiB segments), deleting older ones. */
    public static final Retention DEFAULT = new Retention(16, null, null);
    /** Keep every segment. */
    public static final Retention ALL = new Retention(0, null, null);

    public Retention {
        if (segments < 0) {
            throw new IllegalArgumentException("journal retention - segments must not be negative: " + segments);
        }
        if (age != null && (age.isZero() || age.isNegative())) {
            throw new IllegalArgumentException("journal retention - age must be positive: " + age);
        }
    }

    /**
     * Reads {@code all}, a segment count ({@code 16}) or an age ({@code 7d}, {@code 12h}, {@code 30m}).
     */
    public static Retention parse(String text, Path archive) {
        String t = text == null ? "" : text.strip();
        if (t.equals("all")) {
            return new Retention(0, null, archive);
        }
        if (t.matches("\\d+")) {
            return new Retention(Integer.parseInt(t), null, archive);
        }
        try {
            Duration age = t.matches("\\d+d") ? Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))
                    : Durations.parse(t);
            return new Retention(0, age, archive);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("journal retention - \"" + text
                    + "\" is neither all, a segment count (16) nor an age (7d, 12h): " + e.getMessage(), e);
        }
    }

    /** Keeps everything. */
    public boolean keepsAll() {
        return segments == 0 && age == null;
    }
}
