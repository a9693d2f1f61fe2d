package io.respawn.engine.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notify command: {@code /bin/sh -c COMMAND}, the dossier as JSON on standard input
 * and the essentials in the environment ({@code RESPAWN_GROUP}, {@code RESPAWN_COMPONENT},
 * {@code RESPAWN_REASON}, {@code RESPAWN_DECISION}, {@code RESPAWN_RULE}). Its output goes
 * to the engine's log at INFO; past the timeout it and its children are killed.
 */
final class CommandNotice {
    private static final Logger LOG = LoggerFactory.getLogger(CommandNotice.class);
    private static final int OUTPUT_LIMIT = 4096;

    private final String command;
    private final Duration timeout;

    CommandNotice(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    void run(Dossier dossier, String json) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("RESPAWN_GROUP", dossier.giveUp().group().name());
        env.put("RESPAWN_COMPONENT", dossier.giveUp().component().name());
        env.put("RESPAWN_REASON", dossier.giveUp().reason());
        env.put("RESPAWN_DECISION", dossier.giveUp().id());
        env.put("RESPAWN_RULE", dossier.giveUp().rule());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("notify command - cannot start: " + command, e);
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warn("notify command did not read the whole dossier command=\"{}\": {}", command, e.getMessage());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                LOG.error("notify command - killed after {}ms (timeout {}ms) command=\"{}\" decision={}",
                        (System.nanoTime() - started) / 1_000_000, timeout.toMillis(), command, dossier.giveUp().id());
                return;
            }
            String output = read(process.getInputStream());
            if (process.exitValue() == 0) {
                LOG.info("notify command ran decision={} took_ms={} output=\"{}\"", dossier.giveUp().id(),
                        (System.nanoTime() - started) / 1_000_000, output);
            } else {
                LOG.error("notify command - exited with {} command=\"{}\" decision={} output=\"{}\"",
                        process.exitValue(), command, dossier.giveUp().id(), output);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(InputStream out) {
        try (out) {
            byte[] bytes = out.readNBytes(OUTPUT_LIMIT);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
