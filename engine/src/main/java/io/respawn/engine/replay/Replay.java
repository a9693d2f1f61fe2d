package io.respawn.engine.replay;

import io.respawn.engine.journal.JournalReader;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.map.RestartMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays a fact log through a rule base: each fact moves the oracle's clock to its
 * time and is shown to the rules, exactly as the live engine does, so the decisions
 * (ids included) are those the live run made with the same rules and map.
 *
 * <p>The replay ends at the last fact's time; a timeout due after it does not fire. A
 * log that should show a later timeout ends with a {@code tick}.
 */
public final class Replay {
    private final RuleBase rules;
    private final RestartMap mapOverride;
    private final FactLogReader.BadLines badLines;

    /**
     * @param mapOverride a map to use instead of the log's (what-if), or null
     */
    public Replay(RuleBase rules, RestartMap mapOverride, FactLogReader.BadLines badLines) {
        this.rules = rules;
        this.mapOverride = mapOverride;
        this.badLines = badLines;
    }

    /**
     * Replays {@code log}, telling {@code out} of every decision as it is made.
     *
     * @param skipped told of every unreadable line skipped (with {@link FactLogReader.BadLines#SKIP})
     * @throws FactLogException on an unreadable line (with {@link FactLogReader.BadLines#STOP})
     * @throws ReplayException when a fact cannot be applied (e.g. its map is invalid)
     */
    public ReplaySummary run(Path log, Consumer<ReplayedDecision> out, Consumer<FactLogException> skipped) {
        return run(List.of(log), out, skipped);
    }

    /**
     * Replays fact logs one after the other as one log: journal segments, a journal's
     * directory or its live segment (with the sealed ones before it); see {@link JournalReader}.
     */
    public ReplaySummary run(List<Path> logs, Consumer<ReplayedDecision> out, Consumer<FactLogException> skipped) {
        long started = System.nanoTime();
        Map<String, Integer> byType = new LinkedHashMap<>();
        long[] line = {0};
        long facts = 0;
        long[] skips = {0};
        Instant first = null;
        Instant last = null;
        try (Oracle oracle = new Oracle(rules, mapOverride);
             JournalReader reader = JournalReader.open(logs, badLines, e -> {
                 skips[0]++;
                 skipped.accept(e);
             })) {
            oracle.addListener(decision -> {
                byType.merge(DecisionText.type(decision), 1, Integer::sum);
                out.accept(new ReplayedDecision(decision, line[0]));
            });
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                line[0] = entry.line();
                facts++;
                if (first == null) {
                    first = entry.fact().at();
                }
                last = entry.fact().at();
                try {
                    oracle.accept(entry.fact());
                } catch (RuntimeException e) {
                    throw new ReplayException(reader.source() + ":" + entry.line() + ": " + e.getMessage(), e);
                }
            }
        }
        return new ReplaySummary(facts, skips[0], byType, first, last, Duration.ofNanos(System.nanoTime() - started));
    }
}
