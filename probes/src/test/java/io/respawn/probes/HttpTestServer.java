package io.respawn.probes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server on 127.0.0.1 with handlers for probe tests; closing it releases any hanging handler. */
public final class HttpTestServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    private HttpTestServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static HttpTestServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "test-http-server");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.start();
            return new HttpTestServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int requests() {
        return requests.get();
    }

    public HttpTestServer handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        return this;
    }

    /** Answers {@code status} with {@code body}, its length announced. */
    public static HttpHandler answer(int status, String body) {
        return exchange -> respond(exchange, status, body);
    }

    /** Answers 200 with {@code body} sent in chunks (no length announced). */
    public static HttpHandler chunked(String... chunks) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            for (String chunk : chunks) {
                exchange.getResponseBody().write(chunk.getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        };
    }

    /** Never answers (until the server closes). */
    public HttpHandler hang() {
        return exchange -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    /**
     * A key-value store under {@code /kv/KEY}, kept in {@code store}: PUT stores the body
     * (204), GET answers it (200) or 404.
     */
    public static HttpHandler keyValue(Map<String, String> store) {
        return exchange -> {
            String key = exchange.getRequestURI().getPath().substring("/kv/".length());
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    store.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
                case "GET" -> {
                    String value = store.get(key);
                    respond(exchange, value == null ? 404 : 200, value == null ? "no such key" : value);
                }
                default -> respond(exchange, 405, "method not allowed");
            }
        };
    }

    /** A store that accepts every write and keeps none of them. */
    public static Map<String, String> forgetful() {
        return new ConcurrentHashMap<>() {
            @Override
            public String put(String key, String value) {
                return null;
            }
        };
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
