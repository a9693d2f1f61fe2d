package io.respawn.engine.advise;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Cured;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a fact log through the rules, as {@code respawn replay} does, and keeps what the
 * advisor measures: restart decisions and how long their starts took, which restarts cured
 * (the rules' {@link Cured} beliefs) and which did not (an escalation or give-up because the
 * restart did not cure), and every {@link Failure} the rules believed.
 */
final class JournalStudy {
    /** The rules that say a restart did not cure: ESC-01 (escalate) and GU-01 (give up at the root). */
    private static final List<String> NOT_CURED_RULES = List.of("ESC-01 ", "GU-01 ");

    private final List<Restart> restarts = new ArrayList<>();
    private final List<GiveUp> giveUps = new ArrayList<>();
    private final Set<String> uncured = new HashSet<>();
    private final Map<String, Restart> byId = new HashMap<>();
    private final Map<String, Map<ComponentId, Long>> startDelays = new LinkedHashMap<>();
    private final Map<String, Long> outcomeDelays = new LinkedHashMap<>();

    private JournalStudy() {
    }

    static Measurements of(Path log, RuleBase rules) {
        return new JournalStudy().read(log, rules);
    }

    private Measurements read(Path log, RuleBase rules) {
        String yaml = null;
        Instant first = null;
        Instant last = null;
        long facts = 0;
        try (Oracle oracle = new Oracle(rules, null); FactLogReader reader = FactLogReader.open(log)) {
            oracle.addListener(this::decided);
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                Observation fact = entry.fact();
                facts++;
                first = first == null ? fact.at() : first;
                last = fact.at();
                if (fact instanceof MapInForce m) {
                    yaml = m.yaml();
                }
                try {
                    oracle.accept(fact);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(log + ":" + entry.line() + ": " + e.getMessage(), e);
                }
                observe(fact);
            }
            if (oracle.map().isEmpty() || yaml == null) {
                throw new IllegalArgumentException(log + " - records no restart map: nothing to advise on");
            }
            List<Failure> failures = new ArrayList<>(oracle.facts(Failure.class));
            failures.sort(Comparator.comparing(Failure::at).thenComparing(Failure::id));
            Set<String> cured = new HashSet<>();
            oracle.facts(Cured.class).forEach(c -> cured.add(c.restartId()));
            return new Measurements(log.toString(), oracle.map().get(), yaml, first, last, facts, failures,
                    restarts, startDelays, outcomeDelays, cured, uncured, giveUps);
        }
    }

    private void decided(Decision decision) {
        if (decision instanceof Restart r) {
            restarts.add(r);
            byId.put(r.id(), r);
        } else if (decision instanceof GiveUp g) {
            giveUps.add(g);
        }
        if ((decision instanceof Escalate || decision instanceof GiveUp)
                && NOT_CURED_RULES.stream().anyMatch(decision.rule()::startsWith)) {
            uncured.addAll(decision.evidence());
        }
    }

    private void observe(Observation fact) {
        if (fact instanceof ProcessStarted s && s.restartId() != null && byId.containsKey(s.restartId())) {
            long ms = s.at().toEpochMilli() - byId.get(s.restartId()).at().toEpochMilli();
            startDelays.computeIfAbsent(s.restartId(), k -> new LinkedHashMap<>()).putIfAbsent(s.component(), ms);
        } else if (fact instanceof RestartOutcome o && o.restartId() != null && byId.containsKey(o.restartId())) {
            outcomeDelays.putIfAbsent(o.restartId(),
                    o.at().toEpochMilli() - byId.get(o.restartId()).at().toEpochMilli());
        }
    }
}
