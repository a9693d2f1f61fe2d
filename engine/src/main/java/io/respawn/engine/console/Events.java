package io.respawn.engine.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.HttpExchange;
import io.respawn.engine.status.BoardChange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: server-sent events, one per board change ({@code event:} the change's
 * name, {@code data:} its view as JSON), and a comment every {@code keepAliveMillis} so idle
 * proxies and browsers keep the stream. Each client has a queue of its own, bounded: a client
 * that falls that far behind is dropped (its browser reconnects and reloads the board).
 */
final class Events {
    static final int MAX_CLIENTS = 32;
    private static final int QUEUE_LIMIT = 10_000;
    private static final String STOP = "stop";
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final ObjectWriter json;
    private final long keepAliveMillis;
    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    Events(ObjectWriter json, long keepAliveMillis) {
        this.json = json;
        this.keepAliveMillis = keepAliveMillis;
    }

    /** Queues the change for every client (on the engine's loop thread: never blocks). */
    void publish(BoardChange change) {
        if (clients.isEmpty()) {
            return;
        }
        String frame;
        try {
            frame = "event: " + change.event() + "\ndata: " + json.writeValueAsString(change.data()) + "\n\n";
        } catch (JsonProcessingException e) {
            LOG.warn("board change not sent: cannot write it as JSON event={}", change.event(), e);
            return;
        }
        for (BlockingQueue<String> client : clients) {
            if (!client.offer(frame)) {
                LOG.warn("event stream client too far behind; dropped queued={}", client.size());
                client.clear();
                client.offer(STOP);
            }
        }
    }

    /** Serves one client until it goes away or the console closes; runs on a thread of its own. */
    void serve(HttpExchange exchange) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            Replies.error(exchange, 503, "events - too many clients: " + clients.size() + " (limit " + MAX_CLIENTS + ")");
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        clients.add(queue);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "retry: 2000\nevent: hello\ndata: {}\n\n");
            while (open) {
                String frame = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
                if (STOP.equals(frame)) {
                    break;
                }
                write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (IOException e) {
            LOG.debug("event stream client gone: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
        }
    }

    int clients() {
        return clients.size();
    }

    /** Ends every stream. */
    void close() {
        open = false;
        for (BlockingQueue<String> client : clients) {
            client.offer(STOP);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
