package io.respawn.engine.status;

import io.respawn.engine.service.EngineService;
import io.respawn.engine.status.Rows.ComponentRow;
import io.respawn.engine.status.Views.DecisionView;
import io.respawn.engine.status.Views.DependencyView;
import io.respawn.facts.Decision;
import io.respawn.facts.Failure;
import io.respawn.facts.Observation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live status board: a fold of the facts, failures and decisions the engine sees, in
 * the order it sees them. The same facts give the same board, so a fact log replayed
 * through an oracle into a board shows what the live board showed.
 *
 * <p>Failures and decisions are folded with the fact that led to them, after it: the engine
 * tells its observers of a fact after the rules have seen it, so {@link #fact} comes last.
 * Folded on the engine's loop thread; read from any thread (snapshots are immutable).
 * Each change is told to the change listeners after the fold, as a {@link BoardChange}.
 */
public final class StatusBoard implements EngineService.Observer {
    /** Decisions kept in the log. */
    public static final int DECISIONS_KEPT = 1000;

    private final InstantSource clock;
    private final Fold fold = new Fold();
    private final List<Object> concluded = new ArrayList<>();
    private final List<Consumer<BoardChange>> listeners = new CopyOnWriteArrayList<>();

    private StatusBoard(InstantSource clock) {
        this.clock = clock;
    }

    /** A board whose uptimes are measured on the wall clock. */
    public static StatusBoard live() {
        return new StatusBoard(InstantSource.system());
    }

    /** A board whose uptimes are measured at the time of the last fact it saw (for replays and tests). */
    public static StatusBoard replayed() {
        return new StatusBoard(null);
    }

    /** Told of every change from now on, after the fold that made it (on the folding thread: return quickly). */
    public void addChangeListener(Consumer<BoardChange> listener) {
        listeners.add(listener);
    }

    /** Folds the fact, then the failures and decisions the rules drew from it, and tells the listeners. */
    @Override
    public void fact(Observation fact) {
        List<BoardChange> changes;
        synchronized (this) {
            fold.fact(fact);
            for (Object conclusion : concluded) {
                if (conclusion instanceof Failure failure) {
                    fold.failure(failure);
                } else {
                    fold.decision((Decision) conclusion);
                }
            }
            concluded.clear();
            if (listeners.isEmpty()) {
                fold.discard();                               // no views built for nobody: a recovery's facts
                return;
            }
            changes = fold.drain(now());
        }
        for (BoardChange change : changes) {
            for (Consumer<BoardChange> listener : listeners) {
                listener.accept(change);
            }
        }
    }

    /** Held until the fact that led to it is folded: the rules conclude before the fact listeners hear of it. */
    @Override
    public synchronized void failed(Failure failure) {
        concluded.add(failure);
    }

    /** Held until the fact that led to it is folded (see {@link #failed}). */
    @Override
    public synchronized void decided(Decision decision) {
        concluded.add(decision);
    }

    private Instant now() {
        return clock == null ? fold.lastAt : clock.instant();
    }

    private Snapshots snapshots() {
        return fold.snapshots(now());
    }

    /** The restart tree with every group's and component's state; null until a map is in force. */
    public synchronized Views.GroupView tree() {
        return snapshots().tree();
    }

    public synchronized Optional<Views.ComponentView> component(String name) {
        ComponentRow row = fold.components.get(name);
        return row == null ? Optional.empty() : Optional.of(snapshots().component(row));
    }

    public synchronized boolean hasGroup(String name) {
        return fold.groups.containsKey(name);
    }

    public synchronized boolean hasComponent(String name) {
        return fold.components.containsKey(name);
    }

    /** The newest {@code limit} decisions, newest first (at most {@link #DECISIONS_KEPT}). */
    public synchronized List<DecisionView> decisions(int limit) {
        return fold.log.latest(limit);
    }

    /** Give-ups, newest first: open ones and those acknowledged. */
    public synchronized List<Views.GiveUpView> giveUps() {
        return fold.giveUps();
    }

    /** Inferred dependencies awaiting review, oldest first. */
    public synchronized List<DependencyView> dependencies() {
        return List.copyOf(fold.proposals.values());
    }

    /** Components by state word, every state listed. */
    public synchronized Map<ComponentState, Integer> countsByState() {
        return snapshots().counts();
    }

    public synchronized Views.Summary summary() {
        Snapshots view = snapshots();
        Map<String, Integer> counts = new LinkedHashMap<>();
        view.counts().forEach((state, n) -> counts.put(state.word(), n));
        List<String> paused = fold.groups.values().stream().filter(g -> g.paused).map(g -> g.name).toList();
        List<String> givenUp = fold.groups.values().stream().filter(g -> g.givenUp).map(g -> g.name).toList();
        int open = (int) fold.giveUps.stream().filter(g -> g.acknowledgedAt == null).count();
        return new Views.Summary(view.now(), fold.mapSource, counts, paused, givenUp, open, fold.proposals.size(),
                Map.copyOf(fold.agents), fold.facts, fold.log.count());
    }

    /** The last decision about {@code component}, in plain words; empty when the map does not know it. */
    public synchronized Optional<Views.WhyView> why(String component) {
        ComponentRow row = fold.components.get(component);
        if (row == null) {
            return Optional.empty();
        }
        Views.ComponentView now = snapshots().component(row);
        DecisionView decision = fold.lastDecisionAbout.get(component);
        return Optional.of(new Views.WhyView(component, now, decision, Explanation.of(now, decision)));
    }
}
