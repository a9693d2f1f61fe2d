package io.respawn.engine.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.service.Operations;
import io.respawn.engine.status.StatusBoard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP console: the JSON API, {@code /events}, {@code /metrics} and the dashboard,
 * on the JDK's own HTTP server ({@code com.sun.net.httpserver}): it needs no dependency, and
 * operator traffic (a few browsers and scrapers) fits its blocking handlers, one thread per
 * request and per event stream.
 */
public final class Console implements AutoCloseable {
    /** Where to listen and the token mutating calls need. */
    public record Settings(InetSocketAddress listen, Token token, long keepAliveMillis) {
        public Settings(InetSocketAddress listen, Token token) {
            this(listen, token, 15_000);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    private static final int MAX_THREADS = Events.MAX_CLIENTS + 16;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService threads;
    private final Events events;
    private final Metrics metrics;

    private Console(HttpServer server, ExecutorService threads, Events events, Metrics metrics) {
        this.server = server;
        this.threads = threads;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Serves {@code board} and {@code engine}'s operations. The board must be the engine's
     * observer (given to {@link EngineService#start(EngineService.Settings, EngineService.Observer)}).
     */
    public static Console start(Settings settings, StatusBoard board, EngineService engine) {
        Console console = start(settings, board, engine, EngineGauges.of(engine));
        engine.addFactListener(console.metrics::fact);
        engine.addListener(console.metrics::decided);
        return console;
    }

    static Console start(Settings settings, StatusBoard board, Operations operations, EngineGauges gauges) {
        Events events = new Events(Replies.JSON.writer(), settings.keepAliveMillis());
        Metrics metrics = new Metrics(board, gauges);
        HttpServer server;
        try {
            server = HttpServer.create(settings.listen(), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("console - cannot listen on " + settings.listen(), e);
        }
        AtomicInteger n = new AtomicInteger();
        // requests beyond the threads wait in the queue: the server's dispatcher must never be refused
        ThreadPoolExecutor threads = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "respawn-console-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        server.setExecutor(threads);
        server.createContext("/api/", new Api(board, operations, gauges, settings.token(), events));
        server.createContext("/events", exchange -> {
            try {
                events.serve(exchange);
            } finally {
                exchange.close();
            }
        });
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.write(out);
            Replies.send(exchange, 200, Metrics.CONTENT_TYPE, out.toByteArray());
        });
        server.createContext("/", Console::page);
        board.addChangeListener(events::publish);
        server.start();
        LOG.info("console listening address={}", server.getAddress());
        return new Console(server, threads, events, metrics);
    }

    /** Where it listens (the port chosen, when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The dashboard's address with the token after {@code #token=} (a fragment: never sent to the server). */
    public String dashboardUrl(Token token) {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/#token=" + token.value();
    }

    /** {@code GET /} and the dashboard's files, from {@code io/respawn/console/} on the class path. */
    private static void page(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String name = path.equals("/") ? "index.html" : path.substring(1);
            if (!exchange.getRequestMethod().equals("GET")) {
                Replies.error(exchange, 405, path + " - only GET is allowed, not " + exchange.getRequestMethod());
                return;
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            InputStream in = name.matches("[a-z0-9-]+\\.[a-z]+") && type != null
                    ? Console.class.getResourceAsStream("/io/respawn/console/" + name) : null;
            if (in == null) {
                Replies.error(exchange, 404, "no such page: " + path);
                return;
            }
            try (in) {
                Replies.send(exchange, 200, type, in.readAllBytes());
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        events.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
