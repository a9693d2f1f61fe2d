package io.respawn.probes;

import io.respawn.facts.map.Exec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a command (argv, no shell) and passes when it exits with status 0 in time.
 *
 * <ul>
 *   <li>a program that is missing or not executable, or cannot be started: ERROR;</li>
 *   <li>a non-zero exit: FAIL, with the end of its output as evidence;</li>
 *   <li>still running at the deadline: FAIL, and it is killed with everything it started.</li>
 * </ul>
 * Whatever the outcome, anything the command left running is killed when the step ends, and
 * the detail says so. The output goes to a temporary file rather than a pipe, so no thread
 * waits on it and a leftover child holding the pipe open cannot stall the run.
 */
final class ExecStep implements Step {
    /** How much of the end of the output is read back for evidence. */
    private static final int OUTPUT_TAIL_BYTES = 4096;
    /** util-linux setsid's words when it cannot exec the command (exit 126 or 127). */
    private static final String SETSID_CANNOT_EXEC = "setsid: failed to execute";

    private final Exec exec;
    private final Executor workers;

    ExecStep(Exec exec, Executor workers) {
        this.exec = exec;
        this.workers = workers;
    }

    @Override
    public CompletableFuture<Outcome> start(Attempt attempt) {
        String program = exec.command().get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        attempt.ifTimedOut(() -> Outcome.error(attempt.timedOut("could not start " + name)));
        List<String> argv = new ArrayList<>(exec.command());
        Path output;
        try {
            argv.set(0, ProgramPath.find(program, System.getenv("PATH")).toString());
        } catch (IOException e) {
            return done(Outcome.error("cannot run " + Evidence.quote(program) + ": " + Endpoint.describe(e)));
        }
        try {
            output = Files.createTempFile("respawn-probe-", ".out");
        } catch (IOException e) {
            return done(Outcome.error("cannot create a file for the output of " + name + ": "
                    + Endpoint.describe(e)));
        }
        attempt.closeAtEnd(() -> Files.deleteIfExists(output));
        try {
            return await(attempt, name, attempt.closeAtEnd(ProcessGroup.start(argv, output)), output);
        } catch (IOException e) {
            Attempt.closeQuietly(() -> Files.deleteIfExists(output));
            return done(Outcome.error("cannot run " + name + ": " + Endpoint.describe(e)));
        }
    }

    /** Waits, with no thread, for the command to exit; then kills what it left and removes its output. */
    private CompletableFuture<Outcome> await(Attempt attempt, String name, ProcessGroup group, Path output) {
        attempt.ifTimedOut(() -> Outcome.fail(attempt.timedOut(name + " still running")
                + "; killed it and everything it started; output " + Evidence.tail(tail(output))));
        CompletableFuture<Outcome> result = group.onExit()
                .thenApplyAsync(exited -> judge(attempt, name, exited.exitValue(), group, output), workers);
        result.whenComplete((outcome, failure) -> {
            group.kill();
            Attempt.closeQuietly(() -> Files.deleteIfExists(output));
        });
        return result;
    }

    private static CompletableFuture<Outcome> done(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    private static Outcome judge(Attempt attempt, String name, int exit, ProcessGroup group, Path output) {
        if (attempt.isOver()) {
            return Outcome.fail(name + " ended after the run was over");
        }
        String leftovers = group.hasMembers() ? "; killed the processes it left running" : "";
        String text = tail(output);
        if (exit == 0) {
            return Outcome.pass(name + " exited 0 after " + attempt.elapsedMillis() + "ms" + leftovers);
        }
        if ((exit == 126 || exit == 127) && text.startsWith(SETSID_CANNOT_EXEC)) {
            return Outcome.error("cannot run " + name + ": " + Evidence.tail(text));
        }
        return Outcome.fail(name + " exited " + exit + " after " + attempt.elapsedMillis() + "ms" + leftovers
                + "; output " + Evidence.tail(text));
    }

    /** The last few kilobytes of what the command wrote; empty if the file cannot be read. */
    private static String tail(Path output) {
        try (FileChannel file = FileChannel.open(output)) {
            long size = file.size();
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size, OUTPUT_TAIL_BYTES));
            file.read(bytes, size - bytes.capacity());
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
