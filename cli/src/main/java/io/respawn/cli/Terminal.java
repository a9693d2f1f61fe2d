package io.respawn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is a terminal, read from {@code /proc/self/fd}: a terminal is a
 * {@code /dev/pts/N} or {@code /dev/ttyX} device, while a pipe or a file is not. (Java 17's
 * {@code System.console()} answers for stdin and stdout together, not for stderr.)
 */
final class Terminal {
    private Terminal() {
    }

    /** True when stderr is a terminal, where progress may be drawn and redrawn. */
    static boolean isStderr() {
        return isTerminal(Path.of("/proc/self/fd/2"));
    }

    static boolean isTerminal(Path fd) {
        try {
            return isTerminalDevice(Files.readSymbolicLink(fd).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
