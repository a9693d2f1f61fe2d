package io.respawn.agent.table;

import io.respawn.agent.process.ProcessEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the process table over TCP, as the iRoom's Re/Starter did: whoever connects
 * gets one JSON document (one line) with every component of the node — command line,
 * PID, when the process started, when the agent started it, state — and the connection
 * is closed. Nothing is read from the client. Bind to loopback unless told otherwise:
 * the table shows command lines.
 */
public final class TableServer implements AutoCloseable {
    /** The default TCP port. */
    public static final int DEFAULT_PORT = 7702;
    private static final Logger LOG = LoggerFactory.getLogger(TableServer.class);
    private static final int WRITE_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final String node;
    private final Instant agentStartedAt;
    private final Supplier<List<ProcessEntry>> table;
    private final InstantSource clock;
    private volatile boolean closed;

    private TableServer(ServerSocket server, String node, Instant agentStartedAt, Supplier<List<ProcessEntry>> table,
                        InstantSource clock) {
        this.server = server;
        this.node = node;
        this.agentStartedAt = agentStartedAt;
        this.table = table;
        this.clock = clock;
    }

    /** Binds {@code address} (port 0: any free port) and starts serving. */
    public static TableServer open(InetSocketAddress address, String node, Instant agentStartedAt,
                                   Supplier<List<ProcessEntry>> table, InstantSource clock) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address);
        } catch (IOException e) {
            server.close();
            throw new IOException("process table - cannot listen on " + address + ": " + e.getMessage(), e);
        }
        TableServer tableServer = new TableServer(server, node, agentStartedAt, table, clock);
        Thread thread = new Thread(tableServer::serve, "respawn-table-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        LOG.info("process table served: node={} address={}", node, tableServer.address());
        return tableServer;
    }

    /** The address bound, with the actual port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("process table close failed: address={} cause={}", address(), e.toString());
        }
    }

    private void serve() {
        while (!closed) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(WRITE_TIMEOUT_MS);
                String doc = TableJson.render(node, ProcessHandle.current().pid(), agentStartedAt, clock.instant(),
                        table.get());
                OutputStream out = client.getOutputStream();
                out.write(doc.getBytes(StandardCharsets.UTF_8));
                out.flush();
                client.shutdownOutput();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("process table request failed, continuing: cause={}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("process table request failed, continuing", e);
            }
        }
    }
}
