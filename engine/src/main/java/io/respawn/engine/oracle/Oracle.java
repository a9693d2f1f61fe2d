package io.respawn.engine.oracle;

import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.Decision;
import io.respawn.facts.Failure;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatSilent;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.OsSample;
import io.respawn.facts.ProbeResult;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import io.respawn.facts.log.CheckpointRecord;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.drools.core.time.impl.PseudoClockScheduler;
import org.kie.api.KieServices;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule session behind a small API: observations go in, decisions come out to
 * listeners. Time is data: the session runs on a pseudo clock that moves only when
 * {@link #accept} or {@link #advanceTo} is called with a later time, so the same facts
 * at the same times always give the same decisions, live and in replay.
 *
 * <p>Moving the clock steps through every due time on the way (rule timers and
 * heartbeat deadlines) and fires the rules at each, so a timeout fires at its due time
 * whatever the spacing of the facts. Not thread-safe: one thread drives an oracle.
 */
public final class Oracle implements AutoCloseable {
    /** Told of every decision, in the order the rules made them. */
    @FunctionalInterface
    public interface Listener {
        void decided(Decision decision);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Oracle.class);
    /** Rule firings allowed for one step (one fact, one due time) before a loop is assumed. */
    static final int FIRING_LIMIT = 100_000;

    private final KieSession session;
    private final PseudoClockScheduler clock;
    private final HeartbeatFold heartbeats = new HeartbeatFold();
    private final RestartMap override;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Failure>> failureListeners = new CopyOnWriteArrayList<>();
    private final List<FactHandle> policies = new ArrayList<>();
    private final Set<String> decided = new HashSet<>();
    /** The failures now in the session by id: dispatching a restart looks its failure up per decision. */
    private final Map<String, Failure> failures = new HashMap<>();
    private RestartMap map;
    private boolean clockSet;
    private long firings;

    /**
     * @param override a restart map to use instead of the ones the facts carry (what-if), or null
     */
    public Oracle(RuleBase rules, RestartMap override) {
        KieSessionConfiguration config = KieServices.Factory.get().newKieSessionConfiguration();
        config.setOption(ClockTypeOption.PSEUDO);
        this.session = rules.kieBase().newKieSession(config, null);
        this.clock = session.getSessionClock();
        this.override = override;
        session.setGlobal("clock", (InstantSource) this::now);
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof Failure failure) {
                    failures.put(failure.id(), failure);
                    for (Consumer<Failure> listener : failureListeners) {
                        listener.accept(failure);
                    }
                } else if (event.getObject() instanceof Decision decision) {
                    publish(decision);
                }
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                if (event.getOldObject() instanceof Failure failure) {
                    failures.remove(failure.id(), failure);
                }
            }
        });
        if (override != null) {
            install(override);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Told of every failure the rules conclude, as they conclude it (before the decisions it leads to). */
    public void addFailureListener(Consumer<Failure> listener) {
        failureListeners.add(listener);
    }

    /** The session clock. */
    public Instant now() {
        return Instant.ofEpochMilli(clock.getCurrentTime());
    }

    /** The restart map in force, once a map fact (or an override) has been seen. */
    public Optional<RestartMap> map() {
        return Optional.ofNullable(map);
    }

    /** Heartbeats kept from the rules because they came from an unknown component, a stale PID or sequence. */
    public long heartbeatsIgnored() {
        return heartbeats.ignored();
    }

    /** The heartbeat fold's state of every component, in component order (what a checkpoint records). */
    public List<CheckpointRecord.Liveness> heartbeatState() {
        return heartbeats.liveness();
    }

    /** Rule firings since this oracle started (every rule, decisions or not). */
    public long firings() {
        return firings;
    }

    /** Facts of one type now in the session (beliefs, decisions, policies), for status and tests. */
    public <T> List<T> facts(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Object fact : session.getObjects(type::isInstance)) {
            found.add(type.cast(fact));
        }
        return found;
    }

    /** The failure with this id, while it is in the session. */
    public Optional<Failure> failure(String id) {
        return Optional.ofNullable(failures.get(id));
    }

    /** Moves the clock to {@code fact.at()}, then lets the rules see the fact. */
    public void accept(Observation fact) {
        advanceTo(fact.at());
        if (fact instanceof MapInForce m) {
            if (override == null) {
                try {
                    install(RestartMap.parse(m.yaml(), m.source()));
                } catch (MapException e) {
                    throw new IllegalArgumentException("map " + m.id() + " is not valid:\n" + e.getMessage(), e);
                }
            }
            return;
        }
        if (map == null) {
            throw new IllegalStateException(fact.id() + " - no restart map in force: a fact log starts with a map"
                    + " fact, or give a map to use");
        }
        if (fact instanceof Heartbeat h) {
            if (heartbeats.beat(h)) {
                insertTransient(h);
            }
        } else if (fact instanceof OsSample || fact instanceof ProbeResult || fact instanceof HeartbeatFlood) {
            insertTransient(fact);
        } else if (fact instanceof Tick) {
            return;
        } else {
            if (fact instanceof AgentLink link) {
                if (link.state() == AgentLink.LinkState.DOWN) {
                    heartbeats.linkDown(link.node());
                } else {
                    heartbeats.linkUp(link.node(), link.id(), link.at());
                }
            }
            if (fact instanceof ProcessStarted s) {
                heartbeats.started(s);
            } else if (fact instanceof ProcessExited e) {
                heartbeats.exited(e);
            }
            session.insert(fact);
            fire();
        }
    }

    /**
     * Takes a record of a journal checkpoint (see {@link CheckpointRecord}): from its begin
     * on, heartbeat silences are the recorded ones, each shown to the rules when the clock
     * reaches its time, as the live run showed it; at its end the heartbeat fold takes the
     * state the live fold had, and its own deadlines run again.
     */
    public void restore(CheckpointRecord record) {
        heartbeats.take(record, millis -> advanceTo(Instant.ofEpochMilli(millis)));
    }

    /**
     * Moves the clock forward to {@code time}, stopping at every rule timer and heartbeat
     * deadline due on the way to fire the rules there. A time before now is an error.
     */
    public void advanceTo(Instant time) {
        long target = time.toEpochMilli();
        if (!clockSet) {
            clock.advanceTime(target - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
            clockSet = true;
            return;
        }
        long now = clock.getCurrentTime();
        if (target < now) {
            throw new IllegalArgumentException("time " + time + " is before the oracle's clock " + now());
        }
        while (true) {
            long due = nextDueMillis();
            if (due > target) {
                break;
            }
            long before = clock.getCurrentTime();
            clock.advanceTime(Math.max(0, due - before), TimeUnit.MILLISECONDS);
            for (HeartbeatSilent silence : heartbeats.expire(clock.getCurrentTime())) {
                insertTransient(silence);
            }
            fire();
            if (due <= before && nextTimerMillis() <= before && heartbeats.nextDeadlineMillis() > before) {
                LOG.warn("rule timer did not run at its due time; moving on due={} now={}", due, before);
                break;
            }
        }
        clock.advanceTime(target - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
    }

    /** When the next rule timer or heartbeat deadline is due (epoch ms), or {@link Long#MAX_VALUE}. */
    public long nextDueMillis() {
        return Math.min(nextTimerMillis(), heartbeats.nextDeadlineMillis());
    }

    private long nextTimerMillis() {
        long wait = clock.getTimeToNextJob();
        return wait < 0 ? Long.MAX_VALUE : clock.getCurrentTime() + wait;
    }

    /**
     * Fires the rules until none is left to fire, but at most {@link #FIRING_LIMIT} times:
     * a rule set that loops (a rule whose consequence makes it match again) must not hang
     * the engine. Hitting the limit is logged as an error with the last rule's name.
     */
    private void fire() {
        int fired = session.fireAllRules(FIRING_LIMIT);
        firings += fired;
        if (fired >= FIRING_LIMIT) {
            LOG.error("rules fired {} times on one step and were stopped: a rule loop? now={}", fired, now());
        }
    }

    private void insertTransient(Object fact) {
        FactHandle handle = session.insert(fact);
        fire();
        session.delete(handle);
        fire();
    }

    private void install(RestartMap next) {
        for (FactHandle handle : policies) {
            session.delete(handle);
        }
        policies.clear();
        List<ComponentPolicy> components = new ArrayList<>();
        for (Object policy : next.policyFacts()) {
            policies.add(session.insert(policy));
            if (policy instanceof ComponentPolicy c) {
                components.add(c);
            }
        }
        heartbeats.configure(components);
        map = next;
        fire();
        LOG.info("restart map in force source={} groups={} components={}", next.source(), next.groups().size(),
                next.components().size());
    }

    private void publish(Decision decision) {
        if (!decided.add(decision.id())) {
            LOG.warn("rule fired twice on the same evidence; decision not repeated rule={} id={}", decision.rule(),
                    decision.id());
            return;
        }
        for (Listener listener : listeners) {
            listener.decided(decision);
        }
    }

    @Override
    public void close() {
        session.dispose();
    }
}
