package io.respawn.probes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A probe command and every process it starts. Where {@code setsid} is installed (util-linux)
 * the command runs as the leader of a session and process group of its own, so killing the
 * group reaches a child it left behind when it exited — no longer its descendant, as it has
 * been handed to init. Elsewhere only the descendants the JDK can see are killed.
 *
 * <p>A process that puts itself in another group (a daemon calling setsid) escapes both;
 * only a cgroup would hold it.
 */
final class ProcessGroup implements AutoCloseable {
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final Process leader;
    private final Reach reach;

    /** How much of what the command started can be killed. */
    private enum Reach { GROUP, DESCENDANTS }

    private ProcessGroup(Process leader, Reach reach) {
        this.leader = leader;
        this.reach = reach;
    }

    /**
     * Starts {@code command} (the program first, no shell) with its standard output and error
     * going to {@code output}, and nothing on its standard input.
     */
    static ProcessGroup start(List<String> command, Path output) throws IOException {
        Reach reach = SETSID.isPresent() && Signals.available() ? Reach.GROUP : Reach.DESCENDANTS;
        List<String> argv = new ArrayList<>();
        if (reach == Reach.GROUP) {
            argv.add(SETSID.get().toString());
        }
        argv.addAll(command);
        Process process = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .start();
        return new ProcessGroup(process, reach);
    }

    long pid() {
        return leader.pid();
    }

    CompletableFuture<Process> onExit() {
        return leader.onExit();
    }

    /** Whether anything the command started is still running (the command itself included). */
    boolean hasMembers() {
        return reach == Reach.GROUP
                ? Signals.groupExists(leader.pid())
                : leader.isAlive() || leader.descendants().anyMatch(ProcessHandle::isAlive);
    }

    /** Kills the command and everything it started, with SIGKILL: a probe that ran out of time gets no grace. */
    void kill() {
        List<ProcessHandle> tree = leader.descendants().toList();
        if (reach == Reach.GROUP) {
            Signals.killGroup(leader.pid());
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        leader.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "process group " + leader.pid();
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
