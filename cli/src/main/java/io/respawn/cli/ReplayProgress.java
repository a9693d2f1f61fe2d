package io.respawn.cli;

import io.respawn.engine.replay.Replay;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a replay on a terminal: one line on stderr, redrawn in place at most every
 * {@link #INTERVAL_NANOS} ns, e.g. {@code replaying day.jsonl: 42% of 210 MB, 1204224 facts,
 * 190312 facts/s}. Anything else written to the terminal first {@link #clear}s the line, and
 * so does the end of the replay.
 * Where stderr is not a terminal, use {@link Replay.Progress#NONE} instead: nothing is drawn.
 */
final class ReplayProgress implements Replay.Progress {
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final String ERASE_TO_END_OF_LINE = "\033[K";

    private final PrintWriter err;
    private final String label;
    private final LongSupplier nanoClock;
    private long startedNanos;
    private long drawnNanos;
    private boolean shown;

    ReplayProgress(PrintWriter err, String label, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.nanoClock = nanoClock;
    }

    @Override
    public void update(long bytesRead, long bytesTotal, long facts) {
        long now = nanoClock.getAsLong();
        if (facts == 0 && bytesRead == 0) {
            startedNanos = now;
        } else if (now - drawnNanos < INTERVAL_NANOS) {
            return;
        }
        drawnNanos = now;
        shown = true;
        err.print("\r" + text(bytesRead, bytesTotal, facts, now - startedNanos) + ERASE_TO_END_OF_LINE);
        err.flush();
    }

    /** Erases the progress line, if one is shown, so that other output starts on a clean line. */
    void clear() {
        if (shown) {
            err.print("\r" + ERASE_TO_END_OF_LINE);
            err.flush();
            shown = false;
        }
    }

    String text(long bytesRead, long bytesTotal, long facts, long elapsedNanos) {
        long percent = bytesTotal == 0 ? 100 : Math.min(100, bytesRead * 100 / bytesTotal);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "replaying %s: %d%% of %s, %d facts",
                label, percent, bytes(bytesTotal), facts));
        if (elapsedNanos > 0 && facts > 0) {
            text.append(String.format(Locale.ROOT, ", %.0f facts/s", facts * 1e9 / elapsedNanos));
        }
        return text.toString();
    }

    static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
