package io.respawn.engine.status;

import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.status.Views.DecisionView;
import io.respawn.engine.status.Views.EvidenceView;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.Alert;
import io.respawn.facts.InferDependency;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} decisions, newest first, each with the facts behind it in words.
 * It remembers the words of recent facts, failures and decisions by id (at most
 * {@code memory} of them) so that a decision's evidence can be shown. A fact it does not
 * hold — forgotten since, or one the oracle made for itself, like a heartbeat deadline
 * passing — reads "(not kept by the board ...)"; its failure's words say what it was.
 */
final class DecisionLog {
    private record Remembered(String text, List<String> because) {
    }

    private final int capacity;
    private final ArrayDeque<DecisionView> entries = new ArrayDeque<>();
    private final Map<String, Remembered> memory;
    private long seq;

    DecisionLog(int capacity, int memory) {
        this.capacity = capacity;
        this.memory = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > memory;
            }
        };
    }

    void remember(String id, String text, List<String> because) {
        memory.put(id, new Remembered(text, because));
    }

    DecisionView add(Decision decision) {
        List<EvidenceView> evidence = new ArrayList<>();
        for (String id : decision.evidence()) {
            evidence.add(evidence(id, 2));
        }
        DecisionView view = new DecisionView(++seq, decision.id(), decision.at(), DecisionText.type(decision),
                DecisionText.what(decision), Words.of(decision), decision.rule(), group(decision),
                component(decision), List.copyOf(evidence));
        remember(decision.id(), DecisionText.type(decision) + " " + DecisionText.what(decision) + " by \""
                + decision.rule() + "\"", decision.evidence());
        entries.addFirst(view);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
        return view;
    }

    /** Decisions made so far, the forgotten ones included. */
    long count() {
        return seq;
    }

    /** The newest {@code limit} decisions, newest first. */
    List<DecisionView> latest(int limit) {
        List<DecisionView> out = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<DecisionView> it = entries.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    private EvidenceView evidence(String id, int depth) {
        Remembered known = memory.get(id);
        if (known == null) {
            return new EvidenceView(id, "(not kept by the board: an engine-internal fact, or an older one)", List.of());
        }
        List<EvidenceView> because = new ArrayList<>();
        if (depth > 1) {
            for (String inner : known.because()) {
                because.add(evidence(inner, depth - 1));
            }
        }
        return new EvidenceView(id, known.text(), List.copyOf(because));
    }

    static String group(Decision decision) {
        if (decision instanceof Restart r) {
            return r.group().name();
        } else if (decision instanceof Escalate e) {
            return e.to().name();
        } else if (decision instanceof GiveUp g) {
            return g.group().name();
        } else if (decision instanceof Rearm r) {
            return r.group().name();
        }
        return null;
    }

    static String component(Decision decision) {
        if (decision instanceof Restart r) {
            return r.component().name();
        } else if (decision instanceof RestartDependent r) {
            return r.component().name();
        } else if (decision instanceof Escalate e) {
            return e.component().name();
        } else if (decision instanceof GiveUp g) {
            return g.component().name();
        } else if (decision instanceof InferDependency i) {
            return i.dependent().name();
        } else if (decision instanceof Alert a && a.component() != null) {
            return a.component().name();
        }
        return null;
    }
}
