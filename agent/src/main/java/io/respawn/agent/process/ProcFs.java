package io.respawn.agent.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the process table from /proc. A process can vanish at any moment: reads that fail are "gone". */
final class ProcFs {
    /** This JVM's PID. */
    static final long SELF = ProcessHandle.current().pid();

    private static final Path PROC = Path.of("/proc");
    private static final long TICKS_PER_SECOND = Posix.clockTicksPerSecond();
    private static final long BOOT_MILLIS = bootMillis();

    private ProcFs() {
    }

    static Optional<ProcStat> stat(long pid) {
        try {
            byte[] stat = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return ProcStat.parse(new String(stat, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process now, in no particular order. */
    static List<ProcStat> all() {
        List<ProcStat> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : dirs) {
                stat(Long.parseLong(dir.getFileName().toString())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("/proc - cannot list processes: " + e.getMessage(), e);
        }
        return out;
    }

    /** True if the environment of {@code pid} holds the exact entry {@code name=value}. */
    static boolean hasEnv(long pid, String entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String text = "\0" + new String(environ, StandardCharsets.ISO_8859_1);
        return text.contains("\0" + entry + "\0") || text.endsWith("\0" + entry);
    }

    /** True if the environment of {@code pid} has a variable called {@code name}, whatever its value. */
    static boolean hasEnvName(long pid, String name) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            String text = "\0" + new String(environ, StandardCharsets.ISO_8859_1);
            return text.contains("\0" + name + "=");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The value of the variable {@code name} in the environment of {@code pid}, if it has one. */
    static Optional<String> envValue(long pid, String name) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            String text = "\0" + new String(environ, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("\0" + name + "=");
            if (at < 0) {
                return Optional.empty();
            }
            int from = at + name.length() + 2;
            int end = text.indexOf('\0', from);
            return Optional.of(text.substring(from, end < 0 ? text.length() : end));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The wall-clock time a process started, from its start time in ticks since boot. */
    static Instant startInstant(long startTicks) {
        return Instant.ofEpochMilli(BOOT_MILLIS + startTicks * 1000 / TICKS_PER_SECOND);
    }

    private static long bootMillis() {
        try {
            String uptime = Files.readString(PROC.resolve("uptime"), StandardCharsets.ISO_8859_1).split(" ")[0];
            return System.currentTimeMillis() - Math.round(Double.parseDouble(uptime) * 1000);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("/proc/uptime - cannot read the boot time: " + e.getMessage(), e);
        }
    }
}
