package io.respawn.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent checker: compares what the agents say they sent and carried out (their
 * ledgers) with what the engine journaled, using neither the engine's code nor its counters.
 *
 * <ul>
 *   <li><b>facts lost</b>: a fact the agent numbered and saw acknowledged (seq at or below an
 *       {@code acked} of its run) that the journal lacks under {@code node/incarnation/seq},
 *       or holds with another type;</li>
 *   <li><b>duplicate executions</b>: a decision a node's ledger records {@code executed}
 *       more than once (a second delivery must be answered {@code duplicate});</li>
 *   <li><b>per failure</b> (a journaled {@code process-exited} with {@code expected: false}):
 *       the distinct decisions under which that component was started before its next
 *       failure — none is a <b>missed restart</b>, more than one a <b>duplicate restart</b>
 *       (every component is alone in its group, so each decision restarting it answers
 *       one of its own failures);</li>
 *   <li><b>restarts without a failure</b>: a start under a decision with no failure of the
 *       component before it — silence taken for failure;</li>
 *   <li>starts under a decision no ledger records, journal facts no ledger sent, and
 *       unreadable journal lines (a torn line left in place).</li>
 * </ul>
 */
final class Checker {
    /** What the checker found; {@code problems} names the first cases of each kind. */
    record Report(long factsSent, long factsAcked, long factsLost, long unacknowledgedAtAgentDeath,
                  long decisionsExecuted, long duplicateDeliveriesIgnored, long resumedAfterAgentDeath,
                  long duplicateExecutions, long failures, long missedRestarts, long duplicateRestarts,
                  long restartsWithoutFailure, long unledgeredStarts, long unknownFacts, long unreadableLines,
                  List<String> problems) {
    }

    private final List<String> problems = new ArrayList<>();

    static Report check(Path journal, List<Path> ledgers) throws IOException {
        return new Checker().run(journal, ledgers);
    }

    private Report run(Path journal, List<Path> ledgers) throws IOException {
        // the ledgers
        Map<String, String> sentType = new HashMap<>();            // node/incarnation/seq -> type
        Map<String, Long> ackedUpTo = new HashMap<>();             // node/incarnation -> upTo
        Set<String> dropped = new HashSet<>();
        Map<String, Integer> executions = new HashMap<>();         // node|decision -> times
        Set<String> carriedOut = new HashSet<>();                  // node|decision, executed or resumed
        long duplicatesIgnored = 0;
        long resumed = 0;
        for (Path ledger : ledgers) {
            List<String> bad = new ArrayList<>();
            for (JsonNode e : JsonLines.readAll(ledger, bad)) {
                String node = e.path("node").asText();
                String run = node + "/" + e.path("incarnation").asText();
                switch (e.path("event").asText()) {
                    case "sent" -> sentType.put(run + "/" + e.path("seq").asLong(), e.path("fact").path("type").asText());
                    case "acked" -> ackedUpTo.merge(run, e.path("upTo").asLong(), Math::max);
                    case "dropped" -> dropped.add(run + "/" + e.path("seq").asLong());
                    case "executed" -> {
                        executions.merge(node + "|" + e.path("decision").asText(), 1, Integer::sum);
                        carriedOut.add(node + "|" + e.path("decision").asText());
                    }
                    case "resumed" -> {
                        resumed++;
                        carriedOut.add(node + "|" + e.path("decision").asText());
                    }
                    case "duplicate" -> duplicatesIgnored++;
                    default -> { }
                }
            }
            bad.forEach(line -> problems.add("ledger line unreadable (an agent killed mid-write): " + line));
        }

        // the journal
        List<String> unreadable = new ArrayList<>();
        List<JsonNode> facts = JsonLines.readAll(journal, unreadable);
        unreadable.forEach(line -> problems.add("journal line unreadable: " + line));
        Map<String, String> journaled = new HashMap<>();
        for (JsonNode fact : facts) {
            if (fact.has("type")) {
                journaled.put(fact.path("id").asText(), fact.path("type").asText());
            }
        }

        long acked = 0;
        long lost = 0;
        long unackedAtDeath = 0;
        for (Map.Entry<String, String> sent : sentType.entrySet()) {
            String id = sent.getKey();
            String run = id.substring(0, id.lastIndexOf('/'));
            long seq = Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
            if (dropped.contains(id)) {
                continue;
            }
            if (seq <= ackedUpTo.getOrDefault(run, 0L)) {
                acked++;
                if (!sent.getValue().equals(journaled.get(id))) {
                    lost++;
                    note("fact acknowledged but not in the journal: " + id + " (" + sent.getValue() + ")");
                }
            } else if (!journaled.containsKey(id)) {
                unackedAtDeath++;
            }
        }
        long unknownFacts = journaled.keySet().stream().filter(id -> isAgentFactId(id) && !sentType.containsKey(id))
                .count();
        if (unknownFacts > 0) {
            note("journal facts no ledger records as sent: " + unknownFacts);
        }
        long duplicateExecutions = executions.entrySet().stream().filter(e -> e.getValue() > 1)
                .peek(e -> note("decision executed " + e.getValue() + " times: " + e.getKey()))
                .mapToLong(e -> e.getValue() - 1).sum();

        // failures and the restarts that answered them, component by component, in journal order
        Map<String, Set<String>> open = new HashMap<>();           // component -> decisions since its failure
        long[] counts = new long[5];                               // failures, missed, duplicate, unprovoked, unledgered
        for (JsonNode fact : facts) {
            String type = fact.path("type").asText();
            String component = fact.path("component").asText();
            if (type.equals("process-exited") && !fact.path("expected").asBoolean()) {
                close(component, open.remove(component), counts);
                open.put(component, new LinkedHashSet<>());
                counts[0]++;
            } else if (type.equals("process-started") && fact.hasNonNull("restartId")) {
                String decision = fact.path("restartId").asText();
                String node = nodeOf(fact.path("id").asText());
                if (!carriedOut.contains(node + "|" + decision)) {
                    counts[4]++;
                    note("started under a decision no ledger records: " + component + " " + decision);
                }
                Set<String> answering = open.get(component);
                if (answering != null) {
                    answering.add(decision);
                } else {
                    counts[3]++;
                    note("restarted without a failure: " + component + " under " + decision + " at "
                            + fact.path("at").asText());
                }
            }
        }
        open.forEach((component, decisions) -> close(component, decisions, counts));
        return new Report(sentType.size(), acked, lost, unackedAtDeath,
                executions.size(), duplicatesIgnored, resumed, duplicateExecutions, counts[0], counts[1], counts[2],
                counts[3], counts[4], unknownFacts, unreadable.size(), List.copyOf(problems));
    }

    private void close(String component, Set<String> decisions, long[] counts) {
        if (decisions == null) {
            return;
        }
        if (decisions.isEmpty()) {
            counts[1]++;
            note("failure of " + component + " never answered by a restart");
        } else if (decisions.size() > 1) {
            counts[2] += decisions.size() - 1;
            note("one failure of " + component + " answered by " + decisions.size() + " decisions: " + decisions);
        }
    }

    private void note(String problem) {
        if (problems.size() < 40) {
            problems.add(problem);
        }
    }

    private static boolean isAgentFactId(String id) {
        return !id.startsWith("engine/") && id.chars().filter(c -> c == '/').count() >= 2;
    }

    /** The node of a journaled agent fact id {@code node/incarnation/seq}. */
    static String nodeOf(String id) {
        int seq = id.lastIndexOf('/');
        int incarnation = seq <= 0 ? -1 : id.lastIndexOf('/', seq - 1);
        return incarnation <= 0 ? "" : id.substring(0, incarnation);
    }
}
