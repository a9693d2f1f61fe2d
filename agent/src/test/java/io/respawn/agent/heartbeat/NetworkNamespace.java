package io.respawn.agent.heartbeat;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network namespace with its own loopback, multicast enabled on it and a
 * multicast route, so multicast can be tested without any traffic leaving the machine
 * and without touching the host's interfaces. Java code runs in it on a thread of its
 * own that has joined it with {@code setns(2)}: a network namespace is per thread, and a
 * socket stays in the namespace it was created in.
 */
final class NetworkNamespace implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;

    /** open(2) and setns(2). */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC C = Native.load("c", LibC.class);

    private final String name;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netns-test");
        t.setDaemon(true);
        return t;
    });

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /**
     * Creates the namespace, or says why it cannot be: not root, no {@code ip}, no
     * namespaces in this kernel.
     */
    static NetworkNamespace create() throws CannotCreate {
        String name = "respawn-test-" + HexFormat.of().formatHex(randomBytes());
        run("ip", "netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            run("ip", "-n", name, "link", "set", "lo", "up", "multicast", "on");
            run("ip", "-n", name, "route", "add", "224.0.0.0/4", "dev", "lo");
            ns.thread.submit(ns::join).get(10, TimeUnit.SECONDS);
        } catch (CannotCreate | InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            ns.close();
            throw new CannotCreate("network namespace " + name + " - cannot set up: " + e);
        }
        return ns;
    }

    /** Runs {@code work} on the thread inside the namespace. */
    <T> T inside(Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            run("ip", "netns", "del", name);
        } catch (CannotCreate e) {
            System.err.println("network namespace " + name + " - not deleted: " + e.getMessage());
        }
    }

    private Void join() throws IOException {
        int fd = C.open("/var/run/netns/" + name, 0);
        try {
            C.setns(fd, CLONE_NEWNET);
        } finally {
            C.close(fd);
        }
        String here = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();   // the main thread's
        if (here.equals(host)) {
            throw new IOException("setns did not move the thread: still in " + here);
        }
        return null;
    }

    private static void run(String... command) throws CannotCreate {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new CannotCreate(String.join(" ", command) + " - failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new CannotCreate(String.join(" ", command) + " - cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCreate(String.join(" ", command) + " - interrupted");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Why no namespace could be made here: the test is skipped with this message. */
    static final class CannotCreate extends Exception {
        CannotCreate(String message) {
            super(message);
        }
    }

}
