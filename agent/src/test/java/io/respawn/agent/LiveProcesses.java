package io.respawn.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests check in /proc, independently of the code under test: which live
 * processes carry an environment entry, whether a PID is alive. And the safety net that
 * kills whatever a failed test left behind.
 */
public final class LiveProcesses {
    private LiveProcesses() {
    }

    /** Live (non-zombie) processes whose environment holds {@code name=value} exactly. */
    public static List<Long> carrying(String entry) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != ProcessHandle.current().pid() && alive(pid) && environ(dir).contains("\0" + entry + "\0")) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** True if the process exists and is not a zombie. */
    public static boolean alive(long pid) {
        return state(pid).map(s -> s != 'Z' && s != 'X').orElse(false);
    }

    /** The state letter in /proc/PID/stat (R, S, T, Z, ...), empty if there is no such process. */
    public static java.util.Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return java.util.Optional.of(stat.charAt(stat.lastIndexOf(')') + 2));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The command line, arguments separated by spaces; empty if there is no such process. */
    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.ISO_8859_1).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The parent PID, or -1 if there is no such process. */
    public static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Kills (SIGKILL) every live process whose environment holds {@code entry}; returns how many. */
    public static int killAll(String entry) {
        int killed = 0;
        for (long pid : carrying(entry)) {
            if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                killed++;
            }
        }
        return killed;
    }

    private static String environ(Path dir) {
        try {
            return "\0" + new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.ISO_8859_1) + "\0";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
