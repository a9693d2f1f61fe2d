package io.respawn.engine.service;

import io.respawn.engine.gateway.AgentSession;
import io.respawn.engine.gateway.Agents;
import io.respawn.engine.gateway.Gateway;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.notify.Dossier;
import io.respawn.engine.notify.GiveUpNotifier;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.DecisionText;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.DependencyVerdict;
import io.respawn.facts.Failure;
import io.respawn.facts.GiveUp;
import io.respawn.facts.GroupId;
import io.respawn.facts.OperatorAck;
import io.respawn.facts.OperatorPause;
import io.respawn.facts.OperatorRestart;
import io.respawn.facts.OperatorResume;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.Received;
import io.respawn.facts.Tick;
import io.respawn.facts.Verdict;
import io.respawn.facts.log.CheckpointRecord;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.Ack;
import io.respawn.wire.Command;
import io.respawn.wire.SequencedFact;
import io.respawn.wire.tls.LinkTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a service: agents connect through the {@link Gateway}; every fact they
 * send is stamped with the engine's clock, appended to the {@link Journal}, then shown
 * to the {@link Oracle}; each decision is logged and dispatched to the agents that own
 * the components it names. One thread (the loop) owns the journal and the oracle; while
 * nothing arrives it journals a {@code tick} when a timer is due and at least every
 * {@code idleTick}, so the journal holds the passing of time the rules saw.
 *
 * <p>Starting on an existing journal recovers: the journal is replayed into the oracle
 * (the restarts it decides again are sent only if the journal holds no outcome for them:
 * see {@link Outbox}), the agents' acknowledged sequence numbers are
 * rebuilt, and every agent link that was up is recorded as down at the journal's last
 * moment, so the time the engine was away is not taken for silence. One engine holds a
 * journal at a time; {@link #takeOver} is a {@link Standby}'s start, once the engine that
 * held it has stopped or died.
 */
public final class EngineService implements Agents, Operations, AutoCloseable {
    /**
     * How to run: journal file, rules, restart map, address, shared secret, idle tick, how
     * long to rehearse before the first fact ({@link WarmUp}), the most connections one IP
     * address may have open at the gateway, and TLS for agents.
     */
    public record Settings(Path journal, RuleBase rules, Path map, InetSocketAddress listen, byte[] secret,
                           Duration idleTick, Duration warmUp, int maxConnectionsPerAddress, LinkTls tls) {
        /** No warm-up (what tests and embedded engines use unless they ask), the gateway's default cap, plain TCP. */
        public Settings(Path journal, RuleBase rules, Path map, InetSocketAddress listen, byte[] secret,
                        Duration idleTick) {
            this(journal, rules, map, listen, secret, idleTick, Duration.ZERO,
                    Gateway.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, LinkTls.OFF);
        }

        public Settings withWarmUp(Duration time) {
            return new Settings(journal, rules, map, listen, secret, idleTick, time, maxConnectionsPerAddress, tls);
        }

        public Settings withMaxConnectionsPerAddress(int max) {
            return new Settings(journal, rules, map, listen, secret, idleTick, warmUp, max, tls);
        }

        public Settings withTls(LinkTls link) {
            return new Settings(journal, rules, map, listen, secret, idleTick, warmUp, maxConnectionsPerAddress, link);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);
    /** Inbox entries taken in one turn of the loop; agents' facts among them share one journal write. */
    private static final int MAX_TASKS_PER_TURN = 1024;

    private final Settings settings;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    /** Per agent run, the highest sequence number on disk: what the agent may forget. */
    private final Map<String, Long> acked = new ConcurrentHashMap<>();
    /** Per agent run, the highest sequence number written to the journal (loop thread only). */
    private final Map<String, Long> journaled = new HashMap<>();
    private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Decision>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Observation>> factListeners = new CopyOnWriteArrayList<>();
    private final Set<String> linksUp = new TreeSet<>();
    private final Journal journal;
    private final Outbox outbox;
    private final Object reloading = new Object();
    private Oracle oracle;                  // replaced by a reload, on the loop
    private Dispatcher dispatcher;          // replaced with the oracle
    private volatile RuleBase rules;
    private String mapYaml;                 // the text of the map in force (loop only)
    private final String idPrefix;
    private final Thread loop;
    private Gateway gateway;
    private long engineFacts;
    private long lastMillis;
    private long lastJournaledMillis;
    private volatile boolean running = true;

    private final Observer observer;

    /** The service's parts, wired; {@code journal} is null for a rehearsal ({@link #rehearseRecovery}). */
    private EngineService(Settings settings, Journal journal, Observer observer) {
        this.settings = settings;
        this.rules = settings.rules();
        this.oracle = new Oracle(settings.rules(), null);
        this.outbox = new Outbox(this::send, Outbox.DEFAULT_LIMIT);
        this.dispatcher = new Dispatcher(oracle, outbox);
        this.idPrefix = "engine/" + System.currentTimeMillis() + "/";
        this.loop = new Thread(this::run, "respawn-engine");
        this.observer = observer;
        this.journal = journal;
        if (observer != null) {
            factListeners.add(observer::fact);
            oracle.addFailureListener(observer::failed);
            oracle.addListener(observer::decided);
        }
        // before recovery: the decisions it replays reach the Outbox, which keeps those the
        // journal holds no outcome for and sends them once their agents connect
        oracle.addListener(this::decided);
    }

    /** Rehearses and recovers (in the order {@link WarmUp} gives), then records the map given if it is new. */
    private void startUp() {
        long toRecover = journal.bytesToRecover();
        WarmUp.beforeRecovery(settings.rules(), settings.warmUp(), toRecover);
        String lastMapYaml;
        try {
            lastMapYaml = recover(journal::recover).lastMapYaml();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        adoptMap(lastMapYaml);
        outbox.recovered();
        if (oracle.map().isEmpty()) {
            journal.close();
            throw new IllegalArgumentException("engine - no restart map: give one (the journal "
                    + settings.journal() + " records none)");
        }
        WarmUp.afterRecovery(settings.rules(), settings.warmUp(), toRecover, oracle.firings());  // the recovery's
    }

    /**
     * A standby's rehearsal of the recovery {@link #start} makes: the journal as it stands read
     * into a throwaway service, through the same code (oracle, outbox, {@code observer}), with no
     * journal of its own, no gateway and no loop: nothing is written or sent. Returns the facts read.
     */
    static long rehearseRecovery(Settings settings, Observer observer) {
        EngineService dry = new EngineService(settings, null, observer);
        try {
            return dry.recover((facts, records) -> Journal.rehearseRecovery(settings.journal(), facts, records))
                    .facts();
        } finally {
            dry.oracle.close();
        }
    }

    /**
     * A standby's rehearsal of binding the agents' port: a gateway as {@code settings} says
     * (secret, TLS), on a free loopback port, opened and closed, so a take-over does not load
     * and first run that code. Nothing can connect that would be served: the service behind
     * it has no journal and no loop.
     */
    static void rehearseGateway(Settings settings) {
        if (settings.secret() == null || settings.secret().length < 16) {
            return;
        }
        EngineService dry = new EngineService(settings, null, null);
        try {
            Gateway.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), settings.secret(),
                    settings.tls(), dry, settings.maxConnectionsPerAddress()).close();
        } finally {
            dry.oracle.close();
        }
    }

    /** Recovers from the journal (if any), binds the gateway and starts the loop; the journal's default settings. */
    public static EngineService start(Settings settings) {
        return start(settings, Journal.Settings.defaults(), null);
    }

    /**
     * Sees everything the rules see, from the first journaled fact on: every fact, every failure
     * the rules conclude and every decision, those that recovery replays from the journal at
     * start-up included (decisions replayed are not dispatched again). Called on the engine's loop
     * thread: return quickly.
     */
    public interface Observer {
        void fact(Observation fact);

        void failed(Failure failure);

        void decided(Decision decision);
    }

    /** As {@link #start(Settings)}, with {@code observer} told of what recovery replays as well as what follows. */
    public static EngineService start(Settings settings, Observer observer) {
        return start(settings, Journal.Settings.defaults(), observer);
    }

    /**
     * Recovers from the journal (if any), binds the gateway and starts the loop.
     *
     * @throws io.respawn.engine.journal.JournalInUseException if another engine holds the journal
     */
    public static EngineService start(Settings settings, Journal.Settings journalSettings, Observer observer) {
        return start(settings, Journal.open(settings.journal(), journalSettings), observer);
    }

    /**
     * A standby's take-over: waits until the engine holding the journal stops or dies (its
     * lock is free), then starts as {@link #start(Settings, Journal.Settings, Observer)}
     * does. {@link Standby#rehearse} first makes the recovery quick; its warm-up covers the
     * one in {@code settings}, which can then be zero.
     */
    public static EngineService takeOver(Settings settings, Journal.Settings journalSettings, Observer observer)
            throws InterruptedException {
        Journal journal = Journal.takeOver(settings.journal(), journalSettings);
        LOG.info("standby taking over journal={}", settings.journal());
        return start(settings, journal, observer);
    }

    private static EngineService start(Settings settings, Journal journal, Observer observer) {
        EngineService service;
        try {
            service = new EngineService(settings, journal, observer);
            service.startUp();
        } catch (RuntimeException | Error e) {
            journal.close();                                  // its lock with it: the next engine may try
            throw e;
        }
        try {
            service.gateway = Gateway.listen(settings.listen(), settings.secret(), settings.tls(), service,
                    settings.maxConnectionsPerAddress());
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        service.loop.start();
        LOG.info("engine started journal={} address={} rules={}", settings.journal(), service.gateway.address(),
                settings.rules().origin());
        return service;
    }

    public InetSocketAddress address() {
        return gateway.address();
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Agents connected now. */
    public int agentsConnected() {
        return sessions.size();
    }

    /** Requests and agent batches waiting for the loop: how far the journal lags behind what arrived. */
    public int pending() {
        return inbox.size();
    }

    /** The journal file. */
    public Path journalFile() {
        return settings.journal();
    }

    /** Told of every decision made from now on (on the engine's loop thread: return quickly). */
    public void addListener(Consumer<Decision> listener) {
        listeners.add(listener);
    }

    /**
     * Hands {@code notifier} a {@link Dossier} of every give-up decided from now on, live (a
     * recovery or a reload replays decisions without telling anyone). The dossier is written
     * on the loop; the notifier sends it on its own thread.
     */
    public void notifyGiveUps(GiveUpNotifier notifier) {
        addListener(decision -> {
            if (decision instanceof GiveUp giveUp) {
                notifier.gaveUp(Dossier.of(giveUp, oracle));
            }
        });
    }

    /**
     * Told of every fact the rules are shown from now on, after it is journaled (on the engine's
     * loop thread: return quickly).
     */
    public void addFactListener(Consumer<Observation> listener) {
        factListeners.add(listener);
    }

    /** Runs {@code query} on the loop thread (the only one that may touch the oracle) and returns its result. */
    public <T> T query(Function<Oracle, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        inbox.add(() -> result.complete(query.apply(oracle)));
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("engine - interrupted while waiting for a query", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("engine - query failed", e);
        }
    }

    @Override
    public void acknowledge(GroupId group, String operator) {
        act(() -> {
            requireGroup(group);
            record(new OperatorAck(nextId(), now(), group, operator, ""));
        });
    }

    @Override
    public void restart(GroupId group, String operator, String note) {
        act(() -> {
            requireGroup(group);
            record(new OperatorRestart(nextId(), now(), group, operator, note));
        });
    }

    @Override
    public void pause(GroupId group, String operator, String note) {
        act(() -> {
            requireGroup(group);
            record(new OperatorPause(nextId(), now(), group, operator, note));
        });
    }

    @Override
    public void resume(GroupId group, String operator, String note) {
        act(() -> {
            requireGroup(group);
            record(new OperatorResume(nextId(), now(), group, operator, note));
        });
    }

    /**
     * Journals the verdict. An accepted dependency is also written into the restart map: into
     * the map file the engine was started with (its old text kept as {@code FILE.bak}), and the
     * map in force with it is journaled, so the dependency becomes policy (a
     * {@code DeclaredDependency}) from now on, in replay too.
     */
    @Override
    public void reviewDependency(ComponentId dependent, ComponentId dependsOn, Verdict verdict, String operator) {
        act(() -> {
            requireComponent(dependent);
            requireComponent(dependsOn);
            if (dependent.equals(dependsOn)) {
                throw new IllegalArgumentException(dependent + " - a component cannot depend on itself");
            }
            String accepted = null;
            if (verdict == Verdict.ACCEPTED) {
                accepted = acceptIntoMap(dependent, dependsOn);
            }
            record(new DependencyVerdict(nextId(), now(), dependent, dependsOn, verdict, operator));
            if (accepted != null && !accepted.equals(mapYaml)) {
                record(new MapInForce(nextId(), now(), mapSource(), accepted));
            }
        });
    }

    /**
     * Reads the rules (from the directory the engine was started with, or the defaults) and the
     * map file again and checks both; refuses with every problem found, or puts both in force.
     * New rule text replaces the session with one fed the journal under the new rules; a
     * changed map is journaled. Reloads run one at a time.
     */
    @Override
    public Reload reload(String operator) {
        synchronized (reloading) {
            long began = System.nanoTime();
            RuleBase current = rules;
            Reloader.Checked checked = Reloader.check(current, settings.map());
            String mapName = settings.map() == null ? "(the map in the journal)" : settings.map().toString();
            if (!checked.ok()) {
                LOG.warn("reload refused operator={} problems={}", operator, checked.problems());
                return new Reload(false, checked.problems(), current.origin(), mapName);
            }
            Oracle fresh = null;
            if (checked.rules() != current) {
                long bytes = onLoop(() -> journalBytes());
                fresh = Reloader.replay(checked.rules(), settings.journal(), bytes);
                Oracle replacement = fresh;
                onLoop(() -> {
                    Reloader.catchUp(replacement, settings.journal(), bytes);
                    swap(replacement);
                    return null;
                });
                rules = checked.rules();
            }
            boolean mapChanged = onLoop(() -> {
                if (checked.mapYaml() == null || checked.mapYaml().equals(mapYaml)) {
                    return false;
                }
                record(new MapInForce(nextId(), now(), mapSource(), checked.mapYaml()));
                return true;
            });
            LOG.info("reload applied operator={} rules={} new_rules={} map_changed={} took_ms={}", operator,
                    rules.origin(), fresh != null, mapChanged, (System.nanoTime() - began) / 1_000_000);
            return new Reload(true, List.of(), rules.origin(), mapName);
        }
    }

    // ---- Agents: called on network threads, handed to the loop ----

    @Override
    public long acked(String node, String incarnation) {
        return acked.getOrDefault(agentRun(node, incarnation), 0L);
    }

    @Override
    public void connected(AgentSession session) {
        AgentSession previous = sessions.put(session.node(), session);
        if (previous != null && previous != session) {
            LOG.warn("agent replaced by a new connection node={} old={}", session.node(), previous);
            previous.close();
        }
        inbox.add(() -> {
            link(session.node(), AgentLink.LinkState.UP);
            outbox.connected(session.node());
        });
    }

    @Override
    public void facts(AgentSession session, List<SequencedFact> facts) {
        inbox.add(new Batch(session, facts));
    }

    @Override
    public void disconnected(AgentSession session) {
        if (sessions.remove(session.node(), session)) {
            inbox.add(() -> link(session.node(), AgentLink.LinkState.DOWN));
        }
    }

    // ---- the loop ----

    /**
     * Facts from one agent connection, waiting in the inbox. The loop journals the batches
     * it finds side by side in one write; run alone, a batch is ingested by itself.
     */
    private final class Batch implements Runnable {
        final AgentSession session;
        final List<SequencedFact> facts;

        Batch(AgentSession session, List<SequencedFact> facts) {
            this.session = session;
            this.facts = facts;
        }

        @Override
        public void run() {
            ingest(new ArrayList<>(List.of(this)));
        }
    }

    private void run() {
        List<Runnable> tasks = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        while (running) {
            try {
                long now = System.currentTimeMillis();
                long untilDue = oracle.nextDueMillis() - now;
                long untilTick = lastJournaledMillis + settings.idleTick().toMillis() - now;
                Runnable task = inbox.poll(Math.max(0, Math.min(untilDue, untilTick)), TimeUnit.MILLISECONDS);
                if (task == null) {
                    if (running) {
                        record(new Tick(nextId(), now()));
                    }
                    continue;
                }
                tasks.add(task);
                inbox.drainTo(tasks, MAX_TASKS_PER_TURN - 1);
                for (Runnable next : tasks) {
                    if (next instanceof Batch batch) {
                        batches.add(batch);
                    } else {
                        ingest(batches);
                        next.run();
                    }
                }
                ingest(batches);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("engine loop - a step failed; going on", e);
            } finally {
                tasks.clear();
                batches.clear();
            }
        }
    }

    /**
     * Journals the batches that waited together with one write, shows their facts to the
     * rules (the decisions are dispatched at once) and acknowledges each agent's facts once
     * they are on disk. The rules do not wait for the fsync: a decision rests on facts whose
     * ids ({@code node/incarnation/seq}) the agent sends again, unchanged, until they are
     * acknowledged, and its id derives from those ids; if the facts were lost with the
     * machine, the agent resends them, the restarted engine makes the same decision with the
     * same id, and the agent drops an id it carried out already (docs/BENCHMARKS.md).
     */
    private void ingest(List<Batch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        List<Observation> fresh = new ArrayList<>();
        Map<AgentSession, Long> upTo = new LinkedHashMap<>();
        for (Batch batch : batches) {
            AgentSession session = batch.session;
            String key = agentRun(session.node(), session.incarnation());
            long last = journaled.getOrDefault(key, 0L);
            for (SequencedFact sequenced : batch.facts) {
                if (sequenced.seq() <= last) {
                    continue; // sent again after a reconnect: journaled already
                }
                last = sequenced.seq();
                fresh.add(Received.stamp(sequenced.fact(), key + "/" + sequenced.seq(), now()));
            }
            journaled.put(key, last);
            upTo.put(session, last);
        }
        long position = journal.write(fresh);    // all sent again: the position they were written up to
        if (!fresh.isEmpty()) {
            lastJournaledMillis = System.currentTimeMillis();
        }
        upTo.forEach((session, last) -> {
            String key = agentRun(session.node(), session.incarnation());
            journal.onDurable(position, () -> {
                acked.merge(key, last, Math::max);
                session.send(new Ack(last));
            });
        });
        batches.clear();
        for (Observation fact : fresh) {
            accept(fact);
        }
    }

    /**
     * One run of one agent: {@code node/incarnation}. Its facts are journaled with the ids
     * {@code node/incarnation/seq}, from which {@link #rememberAcked} rebuilds the acknowledged
     * sequence numbers on recovery.
     */
    private static String agentRun(String node, String incarnation) {
        return node + "/" + incarnation;
    }

    private void link(String node, AgentLink.LinkState state) {
        boolean up = state == AgentLink.LinkState.UP;
        if (up ? linksUp.add(node) : linksUp.remove(node)) {
            record(new AgentLink(nextId(), now(), node, state));
        }
    }

    /**
     * Journals one of the engine's own facts (a tick, a link going up or down, an operator's
     * request) and shows it to the rules without waiting for the fsync, as agents' facts are:
     * a timeout that a tick brings due is decided at once. Nobody waits for an acknowledgement
     * of these; what they lead to carries ids derived from the agents' evidence.
     */
    private void record(Observation fact) {
        journal.write(List.of(fact));
        lastJournaledMillis = System.currentTimeMillis();
        accept(fact);
    }

    private void accept(Observation fact) {
        outbox.observed(fact);
        if (fact instanceof MapInForce m) {
            mapYaml = m.yaml();
        }
        try {
            oracle.accept(fact);
        } catch (RuntimeException e) {
            LOG.error("fact not applied; recorded in the journal id={}", fact.id(), e);
        }
        for (Consumer<Observation> listener : factListeners) {
            listener.accept(fact);
        }
    }

    private void decided(Decision decision) {
        if (loop.isAlive()) {
            LOG.info("decision type={} {} rule=\"{}\" evidence={} id={}", DecisionText.type(decision),
                    DecisionText.what(decision), decision.rule(), decision.evidence(), decision.id());
        } else {
            LOG.debug("decision replayed type={} {} id={}", DecisionText.type(decision), DecisionText.what(decision),
                    decision.id());
        }
        for (Consumer<Decision> listener : listeners) {    // first: whoever gets the command may ask about it
            listener.accept(decision);
        }
        if (loop.isAlive() || Outbox.keepsInRecovery(decision)) {
            dispatcher.dispatch(decision);
        }
    }

    /** Sends the command if the node's agent is connected; the {@link Outbox} keeps it otherwise. */
    private boolean send(String node, Command command) {
        AgentSession session = sessions.get(node);
        if (session == null || !session.isOpen()) {
            return false;
        }
        session.send(command);
        return true;
    }

    /** The engine's clock: wall time in milliseconds, never going back. */
    private Instant now() {
        lastMillis = Math.max(lastMillis, System.currentTimeMillis());
        return Instant.ofEpochMilli(lastMillis);
    }

    private String nextId() {
        return idPrefix + (++engineFacts);
    }

    // ---- operator actions: run on the loop, against the map in force ----

    /** Runs {@code action} on the loop and waits; an {@link IllegalArgumentException} it throws is rethrown here. */
    private void act(Runnable action) {
        onLoop(() -> {
            action.run();
            return null;
        });
    }

    private <T> T onLoop(Supplier<T> task) {
        if (Thread.currentThread() == loop) {
            return task.get();   // asked from a listener on the loop: waiting for the loop would never end
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        inbox.add(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("engine - interrupted while waiting for the engine loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("engine - operator action failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("engine - the engine loop did not answer within 30s", e);
        }
    }

    private RestartMap mapInForce() {
        return oracle.map().orElseThrow(() -> new IllegalStateException("engine - no restart map in force"));
    }

    private void requireGroup(GroupId group) {
        if (mapInForce().group(group).isEmpty()) {
            throw new IllegalArgumentException("group " + group + " - not in the restart map in force");
        }
    }

    private void requireComponent(ComponentId component) {
        if (mapInForce().component(component).isEmpty()) {
            throw new IllegalArgumentException("component " + component + " - not in the restart map in force");
        }
    }

    /** The map text in force with the dependency declared, written to the map file first if there is one. */
    private String acceptIntoMap(ComponentId dependent, ComponentId dependsOn) {
        String inForce = MapEdit.withDependency(mapYaml, mapSource(), dependent, dependsOn);
        Path file = settings.map();
        if (file != null) {
            String onDisk;
            try {
                onDisk = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " - cannot read the restart map", e);
            }
            String edited = MapEdit.withDependency(onDisk, file.toString(), dependent, dependsOn);
            if (!edited.equals(onDisk)) {
                MapEdit.write(file, edited);
                LOG.info("dependency written into the restart map file={} dependent={} depends_on={}", file,
                        dependent, dependsOn);
            }
        }
        return inForce;
    }

    private String mapSource() {
        return settings.map() == null ? "journal" : settings.map().getFileName().toString();
    }

    private long journalBytes() {
        try {
            return Files.size(settings.journal());
        } catch (IOException e) {
            throw new UncheckedIOException(settings.journal() + " - cannot read the journal size", e);
        }
    }

    /** Puts {@code fresh} in the old oracle's place (on the loop). */
    private void swap(Oracle fresh) {
        Oracle old = oracle;
        oracle = fresh;
        dispatcher = new Dispatcher(fresh, outbox);
        if (observer != null) {
            fresh.addFailureListener(observer::failed);
            fresh.addListener(observer::decided);
        }
        fresh.addListener(this::decided);
        old.close();
    }

    // ---- start-up ----

    /** Where a recovery reads: the journal's {@code recover}, or a standby's rehearsal of it. */
    private interface Source {
        Journal.Recovered read(Consumer<Observation> facts, Consumer<CheckpointRecord> records);
    }

    /** What a recovery read: the facts, and the YAML of the last map the journal records. */
    private record Recovered(long facts, String lastMapYaml) {
    }

    /**
     * Replays the journal into the oracle (its checkpoint, then the segments after it; see
     * {@link Journal#recover}) and rebuilds what the loop keeps beside the oracle: the
     * agents' acknowledged sequence numbers, the links that were up, the engine clock.
     * Decisions made on the way are not dispatched: they were, before the crash.
     */
    private Recovered recover(Source source) {
        long started = System.nanoTime();
        String[] lastMap = {null};
        Journal.Recovered read;
        try {
            read = source.read(fact -> {
                lastMillis = Math.max(lastMillis, fact.at().toEpochMilli());
                rememberAcked(fact.id());
                if (fact instanceof MapInForce m) {
                    lastMap[0] = m.yaml();
                } else if (fact instanceof AgentLink l) {
                    if (l.state() == AgentLink.LinkState.UP) {
                        linksUp.add(l.node());
                    } else {
                        linksUp.remove(l.node());
                    }
                }
                accept(fact);
            }, this::restore);
        } catch (RuntimeException e) {
            throw new IllegalStateException("engine - cannot recover from journal " + settings.journal() + ": "
                    + e.getMessage(), e);
        }
        if (read.facts() > 0 && journal != null) {
            LOG.info("recovered from journal file={} facts={} from_checkpoint={} from_segments={} skipped={} ms={}"
                    + " links_up_before={}", settings.journal(), read.facts(), read.fromCheckpoint(),
                    read.fromSegments(), read.skipped(), (System.nanoTime() - started) / 1_000_000, linksUp);
        }
        return new Recovered(read.facts(), lastMap[0]);
    }

    /** Shows the oracle a record of the checkpoint a recovery reads (the heartbeat fold's silences and state). */
    private void restore(CheckpointRecord record) {
        try {
            oracle.restore(record);
        } catch (RuntimeException e) {
            LOG.error("checkpoint record not applied; the heartbeat fold may differ from the live run's record={}",
                    record, e);
        }
    }

    private void rememberAcked(String id) {
        int last = id.lastIndexOf('/');
        if (last <= 0 || id.startsWith("engine/")) {
            return;
        }
        try {
            String run = id.substring(0, last);
            long seq = Long.parseLong(id.substring(last + 1));
            acked.merge(run, seq, Math::max);
            journaled.merge(run, seq, Math::max);
        } catch (NumberFormatException e) {
            // not an agent fact id
        }
    }

    /** Records links that were up as down at the journal's last moment, and the map given if it is new. */
    private void adoptMap(String lastMapYaml) {
        lastJournaledMillis = System.currentTimeMillis();
        for (String node : List.copyOf(linksUp)) {
            linksUp.remove(node);
            record(new AgentLink(nextId(), Instant.ofEpochMilli(lastMillis), node, AgentLink.LinkState.DOWN));
        }
        if (settings.map() == null) {
            return;
        }
        String yaml;
        try {
            yaml = Files.readString(settings.map(), StandardCharsets.UTF_8);
            RestartMap.parse(yaml, settings.map().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(settings.map() + " - cannot read the restart map", e);
        } catch (MapException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!yaml.equals(lastMapYaml)) {
            record(new MapInForce(nextId(), now(), settings.map().getFileName().toString(), yaml));
        }
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        running = false;
        inbox.add(() -> { });               // wakes the loop; an interrupt could cut a journal write short
        try {
            loop.join(10_000);
            if (loop.isAlive()) {
                LOG.warn("engine loop did not stop within 10s; interrupting it");
                loop.interrupt();
                loop.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
        oracle.close();
    }
}
