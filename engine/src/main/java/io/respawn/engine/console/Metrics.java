package io.respawn.engine.console;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.status.BoardChange;
import io.respawn.engine.status.StatusBoard;
import io.respawn.engine.status.Views;
import io.respawn.facts.Decision;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.Observation;
import io.respawn.facts.Restart;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.HashMap;
import java.util.Map;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine's Prometheus metrics, kept in a registry of their own and written in the text
 * exposition format. Counters count what happened since this engine started (a recovered
 * journal is not counted again); gauges are read from the board and the engine when scraped.
 */
final class Metrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The fact log's type names (heartbeat, process-exited, ...), from the fact model's own list. */
    private static final Map<Class<?>, String> TYPES = new HashMap<>();

    static {
        for (JsonSubTypes.Type type : Observation.class.getAnnotation(JsonSubTypes.class).value()) {
            TYPES.put(type.value(), type.name());
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter facts;
    private final Counter decisions;
    private final Counter restarts;
    private final Counter floods;
    private final Histogram recovery;

    Metrics(StatusBoard board, EngineGauges engine) {
        facts = Counter.builder().name("respawn_facts_ingested").help("Facts the engine journaled and showed the rules, by type")
                .labelNames("type").register(registry);
        decisions = Counter.builder().name("respawn_decisions").help("Decisions the rules made, by rule")
                .labelNames("rule", "type").register(registry);
        restarts = Counter.builder().name("respawn_restarts").help("Restarts decided, by restart group")
                .labelNames("group").register(registry);
        floods = Counter.builder().name("respawn_heartbeat_floods")
                .help("Heartbeat floods agents reported (counted once, at their first report), by node")
                .labelNames("node").register(registry);
        recovery = Histogram.builder().name("respawn_recovery_seconds").unit(Unit.SECONDS)
                .help("From a failure detected to the failed component started again by the restart it led to")
                .classicOnly().classicUpperBounds(0.1, 0.25, 0.5, 1, 2, 3.5, 5, 10, 30, 60)
                .register(registry);
        GaugeWithCallback.builder().name("respawn_components").help("Components by state as the status board shows it")
                .labelNames("state").callback(cb -> board.countsByState()
                        .forEach((state, n) -> cb.call(n, state.word()))).register(registry);
        GaugeWithCallback.builder().name("respawn_groups_given_up").help("Restart groups given up, awaiting an operator")
                .callback(cb -> cb.call(board.summary().givenUp().size())).register(registry);
        GaugeWithCallback.builder().name("respawn_groups_paused").help("Restart groups with automation paused")
                .callback(cb -> cb.call(board.summary().paused().size())).register(registry);
        GaugeWithCallback.builder().name("respawn_journal_bytes").help("Size of the journal file").unit(Unit.BYTES)
                .callback(cb -> cb.call(size(engine.journal()))).register(registry);
        GaugeWithCallback.builder().name("respawn_journal_lag").help("Agent batches and requests waiting to be journaled")
                .callback(cb -> cb.call(engine.pending().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("respawn_agents_connected").help("Agents connected to the engine now")
                .callback(cb -> cb.call(engine.agents().getAsInt())).register(registry);
        CounterWithCallback.builder().name("respawn_gateway_connections_over_cap")
                .help("Agent connections closed at once: their address already had the most it may have open")
                .callback(cb -> cb.call(engine.connectionsOverCap().getAsLong())).register(registry);
        board.addChangeListener(this::changed);
    }

    void fact(Observation fact) {
        facts.labelValues(TYPES.getOrDefault(fact.getClass(), fact.getClass().getSimpleName())).inc();
        if (fact instanceof HeartbeatFlood f && f.first()) {
            floods.labelValues(f.node()).inc();
        }
    }

    void decided(Decision decision) {
        decisions.labelValues(decision.rule(), DecisionText.type(decision)).inc();
        if (decision instanceof Restart r) {
            restarts.labelValues(r.group().name()).inc();
        }
    }

    private void changed(BoardChange change) {
        if (change.data() instanceof Views.RecoveryView r) {
            recovery.observe(r.millis() / 1000.0);
        }
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static double size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
