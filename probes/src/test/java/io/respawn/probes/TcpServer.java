package io.respawn.probes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-oriented TCP server on 127.0.0.1 for probe tests, with a thread per connection.
 * It counts connections accepted and connections still open (a connection is closed once
 * the client closes its side), so a test can show a probe left no socket behind.
 */
public final class TcpServer implements AutoCloseable {

    /** How the server treats each connection. */
    public enum Behaviour {
        /** "ping" is answered "pong", any other line "what?". */
        PING_PONG,
        /** Accepts and never answers; reads until the client closes. */
        SILENT,
        /** Answers every line "pang" and keeps the connection open. */
        WRONG_ANSWER,
        /** Answers the first line "pang" and closes. */
        WRONG_ANSWER_THEN_CLOSE,
        /** A tuple space: "put X" is answered "ok", "get X" with X if it was put, else "none". */
        TUPLES
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<String> tuples = ConcurrentHashMap.newKeySet();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final Thread acceptor;

    private TcpServer(ServerSocket listener, Behaviour behaviour) {
        this.listener = listener;
        this.behaviour = behaviour;
        this.acceptor = new Thread(this::acceptLoop, "test-tcp-server-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    public static TcpServer start(Behaviour behaviour) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TcpServer server = new TcpServer(listener, behaviour);
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    /** Connections accepted whose client has not closed them yet. */
    public int open() {
        return open.get();
    }

    /** The most connections that were open at once. */
    public int mostOpen() {
        return mostOpen.get();
    }

    /** Every line received, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                accepted.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                connections.add(connection);
                Thread serve = new Thread(() -> serve(connection), "test-tcp-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                String answer = answer(line);
                if (answer != null) {
                    out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (behaviour == Behaviour.WRONG_ANSWER_THEN_CLOSE) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client reset the connection, or the server is closing: either way it is over
        } finally {
            connections.remove(connection);
            open.decrementAndGet();
        }
    }

    private String answer(String line) {
        return switch (behaviour) {
            case PING_PONG -> line.equals("ping") ? "pong" : "what?";
            case SILENT -> null;
            case WRONG_ANSWER, WRONG_ANSWER_THEN_CLOSE -> "pang";
            case TUPLES -> tuple(line);
        };
    }

    private String tuple(String line) {
        if (line.startsWith("put ")) {
            tuples.add(line.substring(4));
            return "ok";
        }
        if (line.startsWith("get ")) {
            String wanted = line.substring(4);
            return tuples.contains(wanted) ? wanted : "none";
        }
        return "what?";
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket connection : connections) {
                connection.close();
            }
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
