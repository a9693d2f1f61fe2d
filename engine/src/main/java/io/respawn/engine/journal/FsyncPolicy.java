package io.respawn.engine.journal;

import io.respawn.facts.map.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * When the journal forces what it wrote to disk (fsync), and so when a fact counts as
 * durable and may be acknowledged to its agent.
 *
 * <ul>
 *   <li>{@code group} (the default): a syncer thread runs one fsync for every write queued
 *       since the last one; a write is durable when the fsync that started after it ends.
 *       Nothing acknowledged is lost; writers never wait for each other's fsync.</li>
 *   <li>{@code always}: every write is forced before {@link Journal#write} returns: the same
 *       guarantee, one fsync per batch on the writer's thread.</li>
 *   <li>{@code interval:10ms}: the syncer forces at most every interval; facts acknowledged
 *       are still on disk (acks wait for the fsync), but acks wait up to the interval.</li>
 *   <li>{@code never}: no fsync; durable as soon as written to the OS. A machine crash or
 *       power cut loses what the OS had not written, although it was acknowledged; a crash
 *       of the engine alone loses nothing.</li>
 * </ul>
 */
public record FsyncPolicy(Kind kind, Duration interval) {
    /** The four policies. */
    public enum Kind { GROUP, ALWAYS, INTERVAL, NEVER }

    public static final FsyncPolicy GROUP = new FsyncPolicy(Kind.GROUP, Duration.ZERO);
    public static final FsyncPolicy ALWAYS = new FsyncPolicy(Kind.ALWAYS, Duration.ZERO);
    public static final FsyncPolicy NEVER = new FsyncPolicy(Kind.NEVER, Duration.ZERO);

    public FsyncPolicy {
        if (kind == null || interval == null) {
            throw new IllegalArgumentException("fsync policy - kind and interval are required");
        }
        if (kind == Kind.INTERVAL && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("fsync policy - interval must be positive: " + interval);
        }
    }

    /** Reads {@code group}, {@code always}, {@code never} or {@code interval:DURATION} (e.g. {@code interval:10ms}). */
    public static FsyncPolicy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "group":
                return GROUP;
            case "always":
                return ALWAYS;
            case "never":
                return NEVER;
            default:
                if (t.startsWith("interval:")) {
                    try {
                        return new FsyncPolicy(Kind.INTERVAL, Durations.parse(t.substring("interval:".length())));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("fsync policy - bad interval in \"" + text + "\": "
                                + e.getMessage(), e);
                    }
                }
                throw new IllegalArgumentException("fsync policy - unknown: \"" + text
                        + "\" (group, always, never or interval:DURATION such as interval:10ms)");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.INTERVAL ? "interval:" + interval.toMillis() + "ms" : kind.name().toLowerCase(Locale.ROOT);
    }
}
