package io.respawn.agent.heartbeat;

import io.respawn.facts.ComponentId;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sources flood the receiver. Drops are counted per source — the sender's address
 * and the component its datagrams named, if this node runs it — in fixed windows of
 * {@link #WINDOW} from the source's first drop. A window with more than {@code limit}
 * drops is a flood: it is reported, and so is every window after it that is also over
 * the limit, then once more the first window that is not ({@code ended}), and the source
 * is forgotten. A window within the limit that follows no flood is forgotten unreported.
 *
 * <p>Time is passed in, so this is a pure function of the calls. At most
 * {@link #MAX_SOURCES} sources are watched at once: a forged-address flood cannot grow
 * the table without bound; drops of further sources are only counted by the receiver.
 */
final class FloodWatch {
    static final Duration WINDOW = Duration.ofSeconds(5);
    static final int MAX_SOURCES = 64;

    /** A sender: its address and the component it named, or null if it named none this node runs. */
    record Source(InetAddress address, ComponentId component) {
    }

    /** One window of a flood, to be told to the engine. */
    record Report(Source source, Instant since, Instant from, Instant to, long dropped, long limit, boolean ended) {
    }

    /** The window a source is in; {@code since} is null while it is not flooding. */
    private static final class Window {
        Instant since;
        Instant from;
        long dropped;

        Window(Instant from) {
            this.from = from;
        }
    }

    private final long limit;
    private final Map<Source, Window> windows = new LinkedHashMap<>();

    /** @param limit the most drops of one source in one window that are not a flood */
    FloodWatch(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Counts one dropped datagram of {@code source} at {@code now}; returns the windows that closed by then. */
    synchronized List<Report> dropped(Source source, Instant now) {
        List<Report> closed = close(now);
        Window window = windows.get(source);
        if (window == null && windows.size() < MAX_SOURCES) {
            window = new Window(now);
            windows.put(source, window);
        }
        if (window != null) {
            window.dropped++;
        }
        return closed;
    }

    /** Closes every window that ended by {@code now}; returns the reports of those that are due. */
    synchronized List<Report> close(Instant now) {
        List<Report> reports = new ArrayList<>();
        for (Iterator<Map.Entry<Source, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Source, Window> entry = it.next();
            Window window = entry.getValue();
            while (window != null && !now.isBefore(window.from.plus(WINDOW))) {
                Instant to = window.from.plus(WINDOW);
                if (window.dropped > limit) {
                    // QUIET -> FLOODING, or FLOODING -> FLOODING: report, count the next window afresh
                    window.since = window.since == null ? window.from : window.since;
                    reports.add(new Report(entry.getKey(), window.since, window.from, to, window.dropped, limit,
                            false));
                    window.from = to;
                    window.dropped = 0;
                } else {
                    if (window.since != null) {
                        // FLOODING -> gone: the last count, within the limit
                        reports.add(new Report(entry.getKey(), window.since, window.from, to, window.dropped, limit,
                                true));
                    }
                    // QUIET -> gone
                    it.remove();
                    window = null;
                }
            }
        }
        return reports;
    }

    /** Sources watched now (for tests). */
    synchronized int watched() {
        return windows.size();
    }
}
