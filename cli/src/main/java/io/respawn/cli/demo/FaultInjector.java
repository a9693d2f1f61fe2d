package io.respawn.cli.demo;

import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.ProcessState;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks the demo's components at random, every {@code minSeconds}..{@code maxSeconds}:
 * kills one with SIGKILL (a crash), stops one with SIGSTOP (a hang: alive, holding its
 * sockets, but silent), or overloads one (it burns a core until its CPU limit catches
 * it). Says what it did through {@code say}.
 */
final class FaultInjector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final Supplier<List<ProcessEntry>> table;
    private final java.nio.file.Path faults;
    private final Consumer<String> say;
    private final Random random;
    private final int minSeconds;
    private final int maxSeconds;
    private volatile boolean running = true;

    FaultInjector(Supplier<List<ProcessEntry>> table, java.nio.file.Path faults, Consumer<String> say, long seed,
                  int minSeconds, int maxSeconds) {
        this.table = table;
        this.faults = faults;
        this.say = say;
        this.random = new Random(seed);
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(1000L * (minSeconds + random.nextInt(maxSeconds - minSeconds + 1)));
                strike();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException e) {
                LOG.warn("fault injection failed; going on", e);
            }
        }
    }

    void stop() {
        running = false;
    }

    private void strike() throws IOException, InterruptedException {
        List<ProcessEntry> running = table.get().stream().filter(e -> e.state() == ProcessState.RUNNING).toList();
        if (running.isEmpty()) {
            return;
        }
        ProcessEntry victim = running.get(random.nextInt(running.size()));
        int dice = random.nextInt(6);
        if (dice == 0 && DemoMap.OVERLOADABLE.contains(victim.component().name())) {
            java.nio.file.Files.writeString(faults.resolve("burn-" + victim.component()), "burn");
            say.accept("OVERLOAD " + victim.component() + " (pid " + victim.pid() + ", burns a core)");
            return;
        }
        boolean hang = dice <= 2;
        String signal = hang ? "-STOP" : "-KILL";
        new ProcessBuilder("kill", signal, Long.toString(victim.pid())).inheritIO().start().waitFor();
        say.accept((hang ? "HANG   " : "CRASH  ") + victim.component() + " (pid " + victim.pid() + ", kill " + signal
                + ")");
    }
}
