package io.respawn.agent.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.agent.state.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's state on disk, {@code <stateDir>/<node>.state.json}: the process of
 * each running component (PID, start time, marker, heartbeat token, the decision that
 * started it), the engine decisions carried out (the latest {@value #REMEMBERED}), and the
 * command in progress. Rewritten whole ({@link AtomicFile#replace}) when a command begins,
 * when it has started its processes, and when a component exits on its own — so a new
 * agent, started after this one was killed, finds what runs, finishes an interrupted
 * command once, and ignores a decision delivered again.
 *
 * <p>The rename is what a killed agent's successor relies on, and it is done before the
 * step goes on; forcing the file to disk only matters if the machine itself goes down,
 * which takes the components with it, so a thread of its own does that right after, off
 * the restart's path (three saves with two fsyncs each were about 5 ms of a crash
 * restart's median here, docs/BENCHMARKS.md). After a power loss the file may be one save behind: the processes it names are
 * gone anyway, and a decision carried out in that last moment may be carried out again
 * when the engine sends it again, which starts what is down once more.
 *
 * <pre>
 * {"format":"respawn-agent-state","version":1,"node":"node1",
 *  "command":{"decision":"d-1a2b","action":"restart","group":"infra","components":["eheap"]},
 *  "executed":["d-0f3c","d-1a2b"],
 *  "components":[{"component":"web","pid":4211,"startTicks":81234,"marker":"node1.web.5e0f…",
 *                 "token":"6f1c…","restartId":"d-0f3c","startedAtMillis":1795773646630,"starts":2}]}
 * </pre>
 */
final class StateFile {
    static final String FORMAT = "respawn-agent-state";
    static final int REMEMBERED = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One running component's process. */
    record Entry(String component, long pid, long startTicks, String marker, String token, String restartId,
                 long startedAtMillis, int starts) {
    }

    /** A command begun and not finished: its decision, what it does, and the components it (re)starts. */
    record Command(String decision, String action, String group, List<String> components) {
    }

    /** The whole file. */
    record Content(String format, int version, String node, Command command, List<String> executed,
                   List<Entry> components) {
        static Content empty(String node) {
            return new Content(FORMAT, 1, node, null, List.of(), List.of());
        }
    }

    private final Path file;
    private final String node;
    private final Content found;
    private final LinkedHashSet<String> executed = new LinkedHashSet<>();
    private Command command;
    private final AtomicBoolean syncWanted = new AtomicBoolean();
    private final ExecutorService syncer;
    private FileChannel lock;

    private StateFile(Path file, String node, Content found) {
        this.file = file;
        this.syncer = file == null ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "respawn-state-sync");
            thread.setDaemon(true);
            return thread;
        });
        this.node = node;
        this.found = found;
        if (found.executed() != null) {
            executed.addAll(found.executed());
        }
        this.command = found.command();
    }

    /**
     * Reads the state a previous life of the agent left, if any; with no directory, nothing is
     * kept. Takes the node's lock in the directory first ({@code <node>.lock}, held until
     * {@link #close}): two live agents of one node on one state would each take the other's
     * processes for leftovers. The kernel drops the lock of a killed agent, so a successor
     * starts at once.
     *
     * @throws IllegalStateException naming the lock file, when another live agent holds it
     */
    static StateFile open(Optional<Path> stateDir, String node) {
        if (stateDir.isEmpty()) {
            return new StateFile(null, node, Content.empty(node));
        }
        Path file = stateDir.get().resolve(node + ".state.json");
        FileChannel lock = lock(stateDir.get().resolve(node + ".lock"), node);
        try {
            StateFile state = read(file, node);
            state.lock = lock;
            return state;
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static FileChannel lock(Path lockFile, String node) {
        FileChannel channel;
        try {
            AtomicFile.directory(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new IllegalStateException(lockFile + " - cannot open the agent's lock: " + e.getMessage(), e);
        }
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;    // this JVM holds it already: another agent of the node runs here
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException(lockFile + " - cannot take the agent's lock: " + e.getMessage(), e);
        }
        if (held == null) {
            closeQuietly(channel);
            throw new IllegalStateException(lockFile + " - another agent of node " + node + " runs on this state"
                    + " directory; stop it first (two would take each other's processes for leftovers)");
        }
        return channel;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel either way
        }
    }

    private static StateFile read(Path file, String node) {
        if (!Files.exists(file)) {
            return new StateFile(file, node, Content.empty(node));
        }
        try {
            Content content = JSON.readValue(file.toFile(), Content.class);
            if (!FORMAT.equals(content.format()) || content.version() != 1 || !node.equals(content.node())) {
                throw new IllegalStateException(file + " - not the state of node " + node + " (format "
                        + content.format() + ", version " + content.version() + ", node " + content.node()
                        + "); move it away to start afresh");
            }
            return new StateFile(file, node, content);
        } catch (IOException e) {
            throw new IllegalStateException(file + " - unreadable agent state: " + e.getMessage()
                    + "; move it away to start afresh", e);
        }
    }

    /** What the previous life left: its processes and its unfinished command. */
    Content found() {
        return found;
    }

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    synchronized boolean executed(String decision) {
        return executed.contains(decision);
    }

    /** Records that the command of {@code decision} begins: remembered as carried out from now on. */
    synchronized void begin(Command begun, Collection<Slot> slots) {
        if (begun.decision() != null) {
            executed.add(begun.decision());
            while (executed.size() > REMEMBERED) {
                executed.remove(executed.iterator().next());
            }
        }
        command = begun;
        save(slots);
    }

    /** Records that the command in progress is done. */
    synchronized void end(Collection<Slot> slots) {
        command = null;
        save(slots);
    }

    /** Writes the file: the components running now, the decisions, the command in progress. */
    synchronized void save(Collection<Slot> slots) {
        if (file == null) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        for (Slot slot : slots) {
            slot.running().ifPresent(run -> entries.add(new Entry(run.component().name(), run.pid(),
                    run.startTicks(), run.marker(), run.token(), run.restartId().orElse(null),
                    run.startedAt().toEpochMilli(), slot.starts())));
        }
        Content content = new Content(FORMAT, 1, node, command, List.copyOf(executed), entries);
        try {
            AtomicFile.replace(file, JSON.writeValueAsBytes(content));
        } catch (IOException e) {
            LOG.error("agent state not saved; a restart of the agent would not find its processes: file={}",
                    file, e);
            return;
        }
        if (syncWanted.compareAndSet(false, true)) {
            try {
                syncer.execute(this::sync);
            } catch (RejectedExecutionException e) {
                sync();    // closed: this save is the last one
            }
        }
    }

    /** Forces the latest save to disk; saves made meanwhile ask for another sync. */
    private void sync() {
        syncWanted.set(false);
        try {
            AtomicFile.sync(file);
        } catch (IOException e) {
            LOG.error("agent state not forced to disk; it may be lost if the machine goes down: file={}", file, e);
        }
    }

    /** Lets the node's lock go, as the kernel does when the agent is killed; the file stays as it is. */
    void dropLock() {
        if (lock != null) {
            closeQuietly(lock);
        }
    }

    /** Waits for the syncs asked for, forces the file once more, and lets the node's lock go. */
    void close() {
        if (syncer == null) {
            return;
        }
        try {
            syncer.shutdown();
            if (!syncer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("agent state sync did not finish within 5s: file={}", file);
            }
            if (Files.exists(file)) {
                sync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dropLock();
        }
    }
}
