package io.respawn.agent.process;

import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the supervisor's observations and hands them to the sink; a failing sink is logged, never fatal. */
final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final String node;
    private final Consumer<Observation> sink;
    private final Supplier<String> ids;
    private final InstantSource clock;

    Reports(String node, Consumer<Observation> sink, Supplier<String> ids, InstantSource clock) {
        this.node = node;
        this.sink = sink;
        this.ids = ids;
        this.clock = clock;
    }

    String node() {
        return node;
    }

    Instant now() {
        return clock.instant();
    }

    String gpid(long pid) {
        return node + ":" + pid;
    }

    ProcessStarted started(Instance run) {
        Instant at = run.startedAt();
        return emit(new ProcessStarted(ids.get(), at, run.component().id(), node, run.pid(),
                run.restartId().orElse(null), at));
    }

    ProcessExited exited(Instance run, ExitStatus status) {
        Instant at = now();
        return emit(new ProcessExited(ids.get(), at, run.component().id(), node, run.pid(), status.exitCode(),
                status.signal(), run.stopRequested(), at));
    }

    RestartOutcome outcome(String restartId, GroupId group, RestartResult result, long durationMs,
                           List<String> killedHard, String reason) {
        Instant at = now();
        return emit(new RestartOutcome(ids.get(), at, restartId, group, result, durationMs, killedHard, reason, at));
    }

    private <T extends Observation> T emit(T observation) {
        try {
            sink.accept(observation);
        } catch (RuntimeException e) {
            LOG.error("sink refused an observation, it is lost: id={} type={}", observation.id(),
                    observation.getClass().getSimpleName(), e);
        }
        return observation;
    }
}
