package io.respawn.probes;

import io.respawn.facts.map.Exec;
import io.respawn.facts.map.ExecProbe;
import io.respawn.facts.map.HttpProbe;
import io.respawn.facts.map.ProbeTiming;
import io.respawn.facts.map.SendExpect;
import io.respawn.facts.map.SendExpectProbe;
import io.respawn.facts.map.TcpProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Probe specs for tests, as the restart map would declare them. */
public final class Specs {
    private Specs() {
    }

    /** A timeout, an interval of ten times that, no initial delay, no jitter. */
    public static ProbeTiming timeout(long millis) {
        return new ProbeTiming(Duration.ofMillis(millis * 10), Duration.ofMillis(millis), Duration.ZERO, Duration.ZERO);
    }

    public static ProbeTiming every(long intervalMillis, long timeoutMillis) {
        return new ProbeTiming(Duration.ofMillis(intervalMillis), Duration.ofMillis(timeoutMillis), Duration.ZERO,
                Duration.ZERO);
    }

    public static TcpProbe tcp(String host, int port, ProbeTiming timing) {
        return new TcpProbe("port-open", timing, host, port);
    }

    public static SendExpectProbe sendExpect(int port, String send, String expect, ProbeTiming timing) {
        return new SendExpectProbe("ping", timing, new SendExpect("127.0.0.1", port, send, expect));
    }

    public static HttpProbe http(String url, int status, String bodyMatch, ProbeTiming timing) {
        return new HttpProbe("health", timing, url, status, Optional.ofNullable(bodyMatch));
    }

    public static ExecProbe exec(ProbeTiming timing, String... command) {
        return new ExecProbe("selfcheck", timing, new Exec(List.of(command)));
    }
}
