package io.respawn.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Overload on demand: when the file {@code burn-<component>} appears in the directory
 * named by {@code RESPAWN_DEMO_FAULTS}, the program deletes it and keeps a core busy for
 * {@link #LENGTH} — long enough for a CPU limit held over a few seconds to catch it.
 */
final class Burn {
    static final Duration LENGTH = Duration.ofSeconds(20);

    private Burn() {
    }

    static void watch() {
        String dir = System.getenv("RESPAWN_DEMO_FAULTS");
        String component = System.getenv("RESPAWN_COMPONENT");
        if (dir == null || component == null) {
            return;
        }
        Path trigger = Path.of(dir, "burn-" + component);
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(200);
                    if (Files.deleteIfExists(trigger)) {
                        Beat.log("overloaded: burning a core for " + LENGTH.toSeconds() + " s");
                        spin(System.nanoTime() + LENGTH.toNanos());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    Beat.log("cannot read the fault trigger " + trigger + ": " + e.getMessage());
                }
            }
        }, "burn-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void spin(long until) {
        long x = 0;
        while (System.nanoTime() < until) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            Beat.log("unlikely");
        }
    }
}
