package io.respawn.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.respawn.facts.ComponentId;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flood windows with time advanced by hand; the limit is 10 drops in a 5s window. */
class FloodWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
    private static final FloodWatch.Source DB = new FloodWatch.Source(InetAddress.getLoopbackAddress(),
            ComponentId.of("db"));
    private static final FloodWatch.Source GARBAGE = new FloodWatch.Source(InetAddress.getLoopbackAddress(), null);

    private final FloodWatch watch = new FloodWatch(10);
    private final List<FloodWatch.Report> reports = new ArrayList<>();

    private void drops(FloodWatch.Source source, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            reports.addAll(watch.dropped(source, at));
        }
    }

    @Test
    void dropsWithinTheLimit_areNeverReported() {
        // given 10 drops at 0s, the limit exactly
        drops(DB, 10, T0);

        // when the window closes at 5s
        reports.addAll(watch.close(T0.plusSeconds(5)));

        // then nothing, and the source is forgotten
        assertThat(reports).isEmpty();
        assertThat(watch.watched()).isZero();
    }

    @Test
    void floodOfOneWindow_isReportedThenEndedOnce() {
        // given 11 drops at 0s, one over the limit
        drops(DB, 11, T0);

        // when the window closes at 5s, then the next, empty one at 10s
        reports.addAll(watch.close(T0.plusSeconds(5)));
        reports.addAll(watch.close(T0.plusSeconds(10)));
        reports.addAll(watch.close(T0.plusSeconds(60)));

        // then the flood, then its end with the last count, and nothing after
        assertThat(reports).containsExactly(
                new FloodWatch.Report(DB, T0, T0, T0.plusSeconds(5), 11, 10, false),
                new FloodWatch.Report(DB, T0, T0.plusSeconds(5), T0.plusSeconds(10), 0, 10, true));
        assertThat(watch.watched()).isZero();
    }

    @Test
    void floodOverSeveralWindows_isReportedOncePerWindow() {
        // 0s: 50 drops; 5s: 30 more (the drop closes the first window); 10s: 3 more; 15s: the sweep
        drops(DB, 50, T0);
        drops(DB, 30, T0.plusSeconds(5));
        drops(DB, 3, T0.plusSeconds(10));
        reports.addAll(watch.close(T0.plusSeconds(15)));

        assertThat(reports).containsExactly(
                new FloodWatch.Report(DB, T0, T0, T0.plusSeconds(5), 50, 10, false),
                new FloodWatch.Report(DB, T0, T0.plusSeconds(5), T0.plusSeconds(10), 30, 10, false),
                new FloodWatch.Report(DB, T0, T0.plusSeconds(10), T0.plusSeconds(15), 3, 10, true));
    }

    @Test
    void lateSweep_closesEveryWindowDueOnTheWay() {
        // 0s: 20 drops; no sweep until 12s: the windows 0-5s (flood) and 5-10s (its end) are both due
        drops(DB, 20, T0);
        reports.addAll(watch.close(T0.plusSeconds(12)));

        assertThat(reports).extracting(FloodWatch.Report::from, FloodWatch.Report::ended)
                .containsExactly(tuple(T0, false), tuple(T0.plusSeconds(5), true));
    }

    @Test
    void sourcesNamingAComponentOrNone_areCountedApart() {
        // 0s: 8 drops naming db, 8 naming none from the same address: neither over 10
        drops(DB, 8, T0);
        drops(GARBAGE, 8, T0);
        reports.addAll(watch.close(T0.plusSeconds(5)));

        assertThat(reports).isEmpty();
    }

    @Test
    void newFloodAfterAnEnd_startsAgain() {
        drops(DB, 11, T0);
        reports.addAll(watch.close(T0.plusSeconds(10)));       // flood 0-5s, end 5-10s
        drops(DB, 11, T0.plusSeconds(20));
        reports.addAll(watch.close(T0.plusSeconds(25)));

        assertThat(reports.get(2)).isEqualTo(new FloodWatch.Report(DB, T0.plusSeconds(20), T0.plusSeconds(20),
                T0.plusSeconds(25), 11, 10, false));
    }

    @Test
    void moreSourcesThanTheTableHolds_areNotWatched() throws Exception {
        // given the table full of sources with a drop each
        for (int i = 0; i < FloodWatch.MAX_SOURCES; i++) {
            drops(new FloodWatch.Source(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i}), null), 1, T0);
        }

        // when one more source floods
        drops(new FloodWatch.Source(InetAddress.getByAddress(new byte[] {10, 0, 1, 0}), null), 100, T0);

        // then the table does not grow, and the flood is not reported (the receiver still counts its drops)
        assertThat(watch.watched()).isEqualTo(FloodWatch.MAX_SOURCES);
        reports.addAll(watch.close(T0.plusSeconds(5)));
        assertThat(reports).isEmpty();
    }
}
