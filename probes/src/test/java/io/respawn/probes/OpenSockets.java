package io.respawn.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Client sockets still open to a local port, as the Linux kernel lists them in
 * /proc/net/tcp and tcp6: a connection whose remote end is {@code port} and which still
 * belongs to a socket (inode not 0). A socket its owner has closed has no inode, even while
 * the connection lingers in TIME_WAIT.
 */
public final class OpenSockets {
    private OpenSockets() {
    }

    public static long to(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        return lines("/proc/net/tcp").stream().filter(line -> held(line, hexPort)).count()
                + lines("/proc/net/tcp6").stream().filter(line -> held(line, hexPort)).count();
    }

    private static boolean held(String line, String hexPort) {
        String[] fields = line.trim().split("\\s+");
        return fields.length > 9 && fields[2].endsWith(hexPort) && !fields[9].equals("0");
    }

    private static List<String> lines(String file) {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
