package io.respawn.engine.status;

import io.respawn.engine.status.Rows.ComponentRow;
import io.respawn.engine.status.Rows.GiveUpRow;
import io.respawn.engine.status.Rows.GroupRow;
import io.respawn.engine.status.Views.DecisionView;
import io.respawn.engine.status.Views.DependencyView;
import io.respawn.engine.status.Views.FailureView;
import io.respawn.engine.status.Views.RecoveryView;
import io.respawn.facts.AgentLink;
import io.respawn.facts.Decision;
import io.respawn.facts.DependencyVerdict;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.InferDependency;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.OperatorAck;
import io.respawn.facts.OperatorPause;
import io.respawn.facts.OperatorResume;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Rearm;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.facts.Tick;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.Group;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's rows and how each fact, failure and decision changes them: the fold itself,
 * under the {@link StatusBoard}'s lock. Each state change is marked with its transition.
 */
final class Fold {
    private static final int FACTS_REMEMBERED = 20_000;
    private static final int GIVE_UPS_KEPT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Fold.class);

    final Map<String, ComponentRow> components = new LinkedHashMap<>();
    final Map<String, GroupRow> groups = new LinkedHashMap<>();
    final Map<String, DecisionView> lastDecisionAbout = new LinkedHashMap<>();
    final ArrayDeque<GiveUpRow> giveUps = new ArrayDeque<>();
    final Map<String, DependencyView> proposals = new LinkedHashMap<>();
    final Map<String, String> agents = new TreeMap<>();
    final DecisionLog log = new DecisionLog(StatusBoard.DECISIONS_KEPT, FACTS_REMEMBERED);
    private final List<BoardChange> pending = new ArrayList<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    String root;
    String mapSource = "";
    Instant lastAt = Instant.EPOCH;
    long facts;
    private boolean treeDirty;

    void fact(Observation fact) {
        facts++;
        lastAt = fact.at();
        if (!(fact instanceof Tick) && !(fact instanceof Heartbeat h && h.status() == HeartbeatStatus.OK)) {
            log.remember(fact.id(), Words.of(fact), List.of());       // OK heartbeats: too many, never a decision's evidence
        }
        apply(fact);
    }

    void failure(Failure failure) {
        log.remember(failure.id(), Words.of(failure) + " (rule \"" + failure.rule() + "\")", failure.evidence());
        ComponentRow row = components.get(failure.component().name());
        if (row != null) {
            row.lastFailure = new FailureView(failure.id(), failure.at(), Words.causeWord(failure.cause()),
                    failure.detail(), Words.of(failure), failure.rule(), failure.evidence());
            if (row.base == ComponentState.RUNNING) {
                row.base = ComponentState.SUSPECTED;                  // RUNNING -> SUSPECTED: failed while it runs
            }
            dirty.add(row.name);
        }
    }

    void decision(Decision decision) {
        DecisionView view = log.add(decision);
        if (view.component() != null) {
            lastDecisionAbout.put(view.component(), view);
        }
        pending.add(new BoardChange("decision", view));
        apply(decision);
    }

    private void apply(Observation fact) {
        if (fact instanceof MapInForce m) {
            install(m);
        } else if (fact instanceof ProcessStarted s) {
            started(s);
        } else if (fact instanceof ProcessExited e) {
            exited(e);
        } else if (fact instanceof Heartbeat h) {
            beat(h);
        } else if (fact instanceof RestartOutcome o && o.result() == RestartResult.FAILED) {
            for (ComponentRow row : under(o.group().name())) {
                if (row.base == ComponentState.RESTARTING && row.pid == 0) {
                    row.base = ComponentState.STOPPED;                 // RESTARTING -> STOPPED: the restart failed
                    dirty.add(row.name);
                }
            }
        } else if (fact instanceof OperatorPause p) {
            flag(p.group().name(), row -> row.paused = true);
        } else if (fact instanceof OperatorResume r) {
            flag(r.group().name(), row -> row.paused = false);
        } else if (fact instanceof OperatorAck a) {
            acknowledged(a);
        } else if (fact instanceof DependencyVerdict v) {
            if (proposals.remove(v.dependent() + "->" + v.dependsOn()) != null) {
                pending.add(new BoardChange("dependencies", List.copyOf(proposals.values())));
            }
        } else if (fact instanceof AgentLink l) {
            agents.put(l.node(), l.state() == AgentLink.LinkState.UP ? "up" : "down");
            pending.add(new BoardChange("agents", Map.copyOf(agents)));
        }
    }

    private void apply(Decision decision) {
        if (decision instanceof Restart r) {
            GroupRow group = groups.get(r.group().name());
            if (group != null) {
                group.restarts++;
                treeDirty = true;
            }
            for (ComponentRow row : under(r.group().name())) {
                restarting(row);
            }
            ComponentRow failed = components.get(r.component().name());
            if (failed != null) {
                failed.pendingRestart = r.id();
                failed.pendingGroup = r.group().name();
                failed.pendingSince = failed.lastFailure != null && failed.lastFailure.id().equals(r.failure())
                        ? failed.lastFailure.at() : r.at();
            }
        } else if (decision instanceof RestartDependent r) {
            ComponentRow row = components.get(r.component().name());
            if (row != null) {
                restarting(row);
            }
        } else if (decision instanceof GiveUp g) {
            flag(g.group().name(), row -> row.givenUp = true);
            giveUps.addFirst(new GiveUpRow(g.id(), g.at(), g.group().name(), g.component().name(), g.reason(),
                    g.rule()));
            while (giveUps.size() > GIVE_UPS_KEPT) {
                giveUps.removeLast();
            }
            pending.add(new BoardChange("giveups", giveUps()));
        } else if (decision instanceof Rearm r) {
            flag(r.group().name(), row -> row.givenUp = false);
        } else if (decision instanceof InferDependency i) {
            proposals.put(i.dependent() + "->" + i.dependsOn(), new DependencyView(i.id(), i.at(),
                    i.dependent().name(), i.dependsOn().name(), i.reason(), i.rule()));
            pending.add(new BoardChange("dependencies", List.copyOf(proposals.values())));
        }
    }

    private void install(MapInForce fact) {
        RestartMap map;
        try {
            map = RestartMap.parse(fact.yaml(), fact.source());
        } catch (MapException e) {
            LOG.warn("board - map not shown: not valid id={} source={}", fact.id(), fact.source());
            return;
        }
        Map<String, GroupRow> oldGroups = new LinkedHashMap<>(groups);
        Map<String, ComponentRow> oldComponents = new LinkedHashMap<>(components);
        groups.clear();
        components.clear();
        for (Group group : map.groups()) {
            GroupRow row = new GroupRow(group.name());
            GroupRow old = oldGroups.get(group.name());
            if (old != null) {
                row.paused = old.paused;
                row.givenUp = old.givenUp;
                row.restarts = old.restarts;
            }
            map.parentOf(group.id()).ifPresent(parent -> row.parent = parent.name());
            for (var child : group.children()) {
                if (child instanceof Group g) {
                    row.groups.add(g.name());
                } else if (child instanceof Component c) {
                    row.components.add(c.name());
                    ComponentRow component = oldComponents.getOrDefault(c.name(), new ComponentRow(c.name(), ""));
                    component.group = group.name();
                    component.node = component.pid > 0 ? component.node : c.node();
                    components.put(c.name(), component);
                }
            }
            groups.put(group.name(), row);
        }
        root = map.root().name();
        mapSource = fact.source();
        treeDirty = true;
    }

    private void started(ProcessStarted s) {
        ComponentRow row = components.get(s.component().name());
        if (row == null) {
            return;
        }
        row.node = s.node();
        row.pid = s.pid();
        row.startedAt = s.at();
        row.base = ComponentState.RUNNING;                             // * -> RUNNING: a process of it started
        if (row.pendingRestart != null) {
            long millis = Duration.between(row.pendingSince, s.at()).toMillis();
            pending.add(new BoardChange("recovered", new RecoveryView(row.name, row.pendingGroup, row.pendingRestart,
                    Math.max(0, millis))));
            row.pendingRestart = null;
        }
        dirty.add(row.name);
    }

    private void exited(ProcessExited e) {
        ComponentRow row = components.get(e.component().name());
        if (row == null || (row.pid != 0 && row.pid != e.pid())) {
            return;                                                    // an older process of it: not what runs now
        }
        row.pid = 0;
        row.startedAt = null;
        row.lastExit = e.how() + (e.expected() ? ", as asked" : ", unasked");
        if (row.base != ComponentState.RESTARTING) {
            row.base = ComponentState.STOPPED;                         // RUNNING|SUSPECTED -> STOPPED
        }
        dirty.add(row.name);
    }

    private void beat(Heartbeat h) {
        ComponentRow row = components.get(h.component().name());
        if (row == null || row.pid == 0 || !h.gpid().endsWith(":" + row.pid)) {
            return;
        }
        if (h.status() == HeartbeatStatus.OK && row.base == ComponentState.SUSPECTED) {
            row.base = ComponentState.RUNNING;                         // SUSPECTED -> RUNNING: an OK heartbeat
            dirty.add(row.name);
        } else if (h.status() != HeartbeatStatus.OK && row.base == ComponentState.RUNNING) {
            row.base = ComponentState.SUSPECTED;                       // RUNNING -> SUSPECTED: DEGRADED or FAILED
            dirty.add(row.name);
        }
    }

    private void restarting(ComponentRow row) {
        row.base = ComponentState.RESTARTING;                          // * -> RESTARTING: a restart covers it
        row.restarts++;
        dirty.add(row.name);
    }

    private void acknowledged(OperatorAck ack) {
        boolean changed = false;
        for (GiveUpRow row : giveUps) {
            if (row.group.equals(ack.group().name()) && row.acknowledgedAt == null) {
                row.acknowledgedAt = ack.at();
                row.acknowledgedBy = ack.operator();
                changed = true;
            }
        }
        if (changed) {
            pending.add(new BoardChange("giveups", giveUps()));
        }
    }

    private void flag(String group, Consumer<GroupRow> change) {
        GroupRow row = groups.get(group);
        if (row != null) {
            change.accept(row);
            treeDirty = true;
        }
    }

    private List<ComponentRow> under(String group) {
        List<ComponentRow> out = new ArrayList<>();
        GroupRow row = groups.get(group);
        if (row != null) {
            for (String name : row.components) {
                out.add(components.get(name));
            }
            for (String child : row.groups) {
                out.addAll(under(child));
            }
        }
        return out;
    }

    /** The changes since the last drain, the components and tree as they are at {@code now}. */
    List<BoardChange> drain(Instant now) {
        Snapshots view = snapshots(now);
        if (treeDirty) {
            pending.add(new BoardChange("tree", view.tree()));
        } else {
            for (String name : dirty) {
                ComponentRow row = components.get(name);
                if (row != null) {
                    pending.add(new BoardChange("component", view.component(row)));
                }
            }
        }
        treeDirty = false;
        dirty.clear();
        List<BoardChange> changes = List.copyOf(pending);
        pending.clear();
        return changes;
    }

    /** Forgets the changes since the last drain, unseen: nobody listens (a recovery before the console starts). */
    void discard() {
        treeDirty = false;
        dirty.clear();
        pending.clear();
    }

    Snapshots snapshots(Instant now) {
        return new Snapshots(components, groups, root, now);
    }

    List<Views.GiveUpView> giveUps() {
        return giveUps.stream().map(GiveUpRow::view).toList();
    }
}
