package io.respawn.engine.service;

import io.respawn.engine.gateway.AgentSession;
import io.respawn.engine.gateway.Agents;
import io.respawn.engine.gateway.Gateway;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.DecisionText;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.DependencyVerdict;
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
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.Ack;
import io.respawn.wire.Command;
import io.respawn.wire.SequencedFact;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * (decisions not dispatched again), the agents' acknowledged sequence numbers are
 * rebuilt, and every agent link that was up is recorded as down at the journal's last
 * moment, so the time the engine was away is not taken for silence.
 */
public final class EngineService implements Agents, Operations, AutoCloseable {
    /** How to run: journal file, rules, restart map, address, shared secret, idle tick. */
    public record Settings(Path journal, RuleBase rules, Path map, InetSocketAddress listen, byte[] secret,
                           Duration idleTick) {
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
    private final Oracle oracle;
    private final Dispatcher dispatcher;
    private final String idPrefix;
    private final Thread loop;
    private Gateway gateway;
    private long engineFacts;
    private long lastMillis;
    private long lastJournaledMillis;
    private volatile boolean running = true;

    private EngineService(Settings settings) {
        this.settings = settings;
        this.oracle = new Oracle(settings.rules(), null);
        this.dispatcher = new Dispatcher(oracle, this::send);
        this.idPrefix = "engine/" + System.currentTimeMillis() + "/";
        this.loop = new Thread(this::run, "respawn-engine");
        String lastMapYaml = recover(settings.journal());
        this.journal = Journal.open(settings.journal());
        oracle.addListener(this::decided);
        adoptMap(lastMapYaml);
        if (oracle.map().isEmpty()) {
            journal.close();
            throw new IllegalArgumentException("engine - no restart map: give one (the journal "
                    + settings.journal() + " records none)");
        }
    }

    /** Recovers from the journal (if any), binds the gateway and starts the loop. */
    public static EngineService start(Settings settings) {
        EngineService service = new EngineService(settings);
        service.gateway = Gateway.listen(settings.listen(), settings.secret(), service);
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

    /** Told of every decision made from now on (on the engine's loop thread: return quickly). */
    public void addListener(Consumer<Decision> listener) {
        listeners.add(listener);
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
        inbox.add(() -> record(new OperatorAck(nextId(), now(), group, operator, "")));
    }

    @Override
    public void restart(GroupId group, String operator, String note) {
        inbox.add(() -> record(new OperatorRestart(nextId(), now(), group, operator, note)));
    }

    @Override
    public void pause(GroupId group, String operator, String note) {
        inbox.add(() -> record(new OperatorPause(nextId(), now(), group, operator, note)));
    }

    @Override
    public void resume(GroupId group, String operator, String note) {
        inbox.add(() -> record(new OperatorResume(nextId(), now(), group, operator, note)));
    }

    @Override
    public void reviewDependency(ComponentId dependent, ComponentId dependsOn, Verdict verdict, String operator) {
        inbox.add(() -> record(new DependencyVerdict(nextId(), now(), dependent, dependsOn, verdict, operator)));
    }

    @Override
    public Reload reload(String operator) {
        return new Reload(false, List.of("reload is not supported by this engine yet"), settings.rules().origin(),
                String.valueOf(settings.map()));
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
        inbox.add(() -> link(session.node(), AgentLink.LinkState.UP));
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
        LOG.info("decision type={} {} rule=\"{}\" evidence={} id={}", DecisionText.type(decision),
                DecisionText.what(decision), decision.rule(), decision.evidence(), decision.id());
        for (Consumer<Decision> listener : listeners) {    // first: whoever gets the command may ask about it
            listener.accept(decision);
        }
        if (loop.isAlive()) {
            dispatcher.dispatch(decision);
        }
    }

    private void send(String node, Command command) {
        AgentSession session = sessions.get(node);
        if (session == null || !session.isOpen()) {
            LOG.warn("command not delivered: no agent connected node={} decision={} target={}", node,
                    command.decision(), command.target());
            return;
        }
        LOG.info("command sent node={} action={} target={} mode={} decision={}", node, command.action(),
                command.target(), command.mode(), command.decision());
        session.send(command);
    }

    /** The engine's clock: wall time in milliseconds, never going back. */
    private Instant now() {
        lastMillis = Math.max(lastMillis, System.currentTimeMillis());
        return Instant.ofEpochMilli(lastMillis);
    }

    private String nextId() {
        return idPrefix + (++engineFacts);
    }

    // ---- start-up ----

    /** Replays an existing journal into the oracle; returns the YAML of the last map it records. */
    private String recover(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        String lastMap = null;
        long facts = 0;
        try (FactLogReader reader = FactLogReader.open(file, FactLogReader.BadLines.SKIP,
                e -> LOG.warn("journal line skipped: {}", e.getMessage()))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                Observation fact = entry.fact();
                facts++;
                lastMillis = Math.max(lastMillis, fact.at().toEpochMilli());
                rememberAcked(fact.id());
                if (fact instanceof MapInForce m) {
                    lastMap = m.yaml();
                } else if (fact instanceof AgentLink l) {
                    if (l.state() == AgentLink.LinkState.UP) {
                        linksUp.add(l.node());
                    } else {
                        linksUp.remove(l.node());
                    }
                }
                accept(fact);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("engine - cannot recover from journal " + file + ": " + e.getMessage(), e);
        }
        LOG.info("recovered from journal file={} facts={} links_up_before={}", file, facts, linksUp);
        return lastMap;
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
