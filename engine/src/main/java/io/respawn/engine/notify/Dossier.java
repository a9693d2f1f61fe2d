package io.respawn.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.respawn.engine.oracle.Oracle;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.Fact;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Observation;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.map.RestartMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a human needs when respawn gives up: the give-up and its reason, the failure it was
 * about, what was tried for that component since the tree was last re-armed (restarts of
 * groups holding it, escalations for it, restarts of it as a dependent), the rules that
 * decided, and the evidence — each fact id named by a decision, with the fact when the
 * session still holds it (heartbeats, OS samples and probe results are not kept: their ids
 * are listed without a fact).
 *
 * @param summary  one line in plain words: {@code root - gave up: <reason>}
 * @param evidence fact id to fact (null when the session no longer holds it), in the order first named
 */
public record Dossier(String summary, GiveUp giveUp, Failure failure, List<Decision> tried, List<String> rules,
                      Map<String, Object> evidence) {
    public Dossier {
        tried = List.copyOf(tried);
        rules = List.copyOf(rules);
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** Writes up {@code giveUp} from what {@code oracle} holds (on the thread that drives the oracle). */
    public static Dossier of(GiveUp giveUp, Oracle oracle) {
        Map<String, Fact> byId = new HashMap<>();
        for (Fact fact : oracle.facts(Fact.class)) {
            byId.putIfAbsent(fact.id(), fact);
        }
        Failure failure = byId.get(giveUp.failure()) instanceof Failure f ? f : null;
        Instant since = lastRearm(oracle, giveUp);
        RestartMap map = oracle.map().orElse(null);
        List<Decision> tried = new ArrayList<>();
        for (Decision decision : oracle.facts(Decision.class)) {
            if (!decision.at().isBefore(since) && !decision.at().isAfter(giveUp.at())
                    && concerns(decision, giveUp.component(), map)) {
                tried.add(decision);
            }
        }
        tried.sort(Comparator.comparing(Decision::at).thenComparing(Decision::id));
        Set<String> rules = new LinkedHashSet<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (failure != null) {
            rules.add(failure.rule());
            failure.evidence().forEach(id -> evidence.putIfAbsent(id, byId.get(id)));
        }
        for (Decision decision : tried) {
            rules.add(decision.rule());
            decision.evidence().forEach(id -> evidence.putIfAbsent(id, byId.get(id)));
        }
        rules.add(giveUp.rule());
        giveUp.evidence().forEach(id -> evidence.putIfAbsent(id, byId.get(id)));
        return new Dossier(giveUp.group() + " - gave up: " + giveUp.reason(), giveUp, failure, tried,
                new ArrayList<>(rules), evidence);
    }

    /**
     * The dossier as one JSON object, facts in the fact-log form: observations and decisions
     * with their {@code type} as in a fact log, beliefs with their kind ({@code "failure"}).
     */
    public String json() {
        ObjectMapper mapper = FactJson.mapper();
        try {
            ObjectNode root = mapper.valueToTree(this);
            ObjectNode facts = root.putObject("evidence");
            for (Map.Entry<String, Object> entry : evidence.entrySet()) {
                facts.set(entry.getKey(), entry.getValue() == null ? NullNode.getInstance() : typed(entry.getValue()));
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dossier of " + giveUp.id() + " - cannot be written as JSON", e);
        }
    }

    private static JsonNode typed(Object fact) throws JsonProcessingException {
        ObjectMapper mapper = FactJson.mapper();
        if (fact instanceof Observation || fact instanceof Decision) {
            Class<?> as = fact instanceof Observation ? Observation.class : Decision.class;
            return mapper.readTree(mapper.writerFor(as).writeValueAsString(fact));
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("type", fact.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
        node.setAll((ObjectNode) mapper.valueToTree(fact));
        return node;
    }

    private static Instant lastRearm(Oracle oracle, GiveUp giveUp) {
        Instant since = Instant.EPOCH;
        for (Rearm rearm : oracle.facts(Rearm.class)) {
            if (!rearm.at().isAfter(giveUp.at()) && rearm.at().isAfter(since)) {
                since = rearm.at();
            }
        }
        return since;
    }

    private static boolean concerns(Decision decision, ComponentId component, RestartMap map) {
        if (decision instanceof Restart r) {
            return r.component().equals(component) || (map != null && map.group(r.group()).isPresent()
                    && map.componentsUnder(r.group()).stream().anyMatch(c -> c.id().equals(component)));
        } else if (decision instanceof Escalate e) {
            return e.component().equals(component);
        } else if (decision instanceof RestartDependent d) {
            return d.component().equals(component);
        }
        return false;
    }
}
