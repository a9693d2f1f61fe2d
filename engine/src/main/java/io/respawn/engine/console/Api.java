package io.respawn.engine.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.respawn.engine.service.Operations;
import io.respawn.engine.status.StatusBoard;
import io.respawn.engine.status.Views;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/...}: reads of the status board, and operator actions (bearer token) handed to
 * {@link Operations}. Every error is JSON naming the bad value.
 */
final class Api implements HttpHandler {
    /** Decisions returned when {@code limit} is not given. */
    static final int DEFAULT_LIMIT = 50;
    private static final int MAX_BODY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /** The JSON of {@code GET /api/status}. */
    record Status(Views.Summary board, int agentsConnected, Journal journal, int eventClients) {
    }

    /** The journal as {@code /api/status} shows it. */
    record Journal(String file, long bytes, int lag) {
    }

    /** The JSON of an accepted action. */
    record Accepted(String action, String target, String operator, String note) {
    }

    private final StatusBoard board;
    private final Operations operations;
    private final EngineGauges engine;
    private final Token token;
    private final Events events;

    Api(StatusBoard board, Operations operations, EngineGauges engine, Token token, Events events) {
        this.board = board;
        this.operations = operations;
        this.engine = engine;
        this.token = token;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange, segments(exchange.getRequestURI().getRawPath()));
        } catch (IllegalArgumentException e) {
            Replies.error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("api - request failed method={} path={}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            Replies.error(exchange, 500, "engine - " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, List<String> path) throws IOException {
        String method = exchange.getRequestMethod();
        String first = path.size() > 1 ? path.get(1) : "";
        boolean get = method.equals("GET");
        switch (path.size() + ":" + first) {
            case "2:status" -> read(exchange, get, this::status);
            case "2:tree" -> read(exchange, get, board::tree);
            case "2:decisions" -> read(exchange, get, () -> board.decisions(limit(exchange)));
            case "2:dependencies" -> read(exchange, get, board::dependencies);
            case "2:giveups" -> read(exchange, get, board::giveUps);
            case "4:components" -> why(exchange, get, path);
            case "4:groups" -> act(exchange, method, () -> group(exchange, path.get(2), path.get(3)));
            case "5:dependencies" -> act(exchange, method, () -> review(exchange, path.get(2), path.get(3), path.get(4)));
            case "2:reload" -> act(exchange, method, () -> reload(exchange));
            default -> Replies.error(exchange, 404, "no such endpoint: " + method + " " + exchange.getRequestURI().getPath()
                    + " (see GET /api/status, /api/tree, /api/decisions, /api/dependencies, /api/giveups)");
        }
    }

    private interface Read {
        Object get();
    }

    private interface Action {
        void run() throws IOException;
    }

    private void read(HttpExchange exchange, boolean get, Read read) throws IOException {
        if (!get) {
            Replies.error(exchange, 405, exchange.getRequestURI().getPath() + " - only GET is allowed, not "
                    + exchange.getRequestMethod());
            return;
        }
        Replies.json(exchange, 200, read.get());
    }

    private Status status() {
        long bytes;
        try {
            bytes = Files.size(engine.journal());
        } catch (IOException e) {
            bytes = -1;
        }
        return new Status(board.summary(), engine.agents().getAsInt(),
                new Journal(String.valueOf(engine.journal()), bytes, engine.pending().getAsInt()), events.clients());
    }

    private int limit(HttpExchange exchange) {
        String value = query(exchange).get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= StatusBoard.DECISIONS_KEPT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit - must be a whole number from 1 to " + StatusBoard.DECISIONS_KEPT
                + ": \"" + value + "\"");
    }

    private void why(HttpExchange exchange, boolean get, List<String> path) throws IOException {
        if (!path.get(3).equals("why")) {
            Replies.error(exchange, 404, "no such endpoint: " + exchange.getRequestURI().getPath()
                    + " (GET /api/components/NAME/why)");
            return;
        }
        String name = path.get(2);
        if (!board.hasComponent(name)) {
            Replies.error(exchange, 404, "component - not in the restart map: \"" + name + "\"");
            return;
        }
        read(exchange, get, () -> board.why(name).orElseThrow());
    }

    /** A mutating call: POST, with the token. */
    private void act(HttpExchange exchange, String method, Action action) throws IOException {
        if (!method.equals("POST")) {
            Replies.error(exchange, 405, exchange.getRequestURI().getPath() + " - only POST is allowed, not " + method);
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : null;
        if (!token.matches(presented)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"respawn\"");
            Replies.error(exchange, 401, presented == null
                    ? "unauthorized - this call needs the header \"Authorization: Bearer TOKEN\"; the engine's token is in"
                            + " its --token-file (default respawn-data/http-token) or RESPAWN_TOKEN"
                    : "unauthorized - the bearer token is not this engine's (see its --token-file or RESPAWN_TOKEN)");
            return;
        }
        action.run();
    }

    private void group(HttpExchange exchange, String group, String verb) throws IOException {
        if (!List.of("ack", "restart", "pause", "resume").contains(verb)) {
            Replies.error(exchange, 404, "group action - unknown: \"" + verb + "\" (ack, restart, pause or resume)");
            return;
        }
        if (!board.hasGroup(group)) {
            Replies.error(exchange, 404, "group - not in the restart map: \"" + group + "\"");
            return;
        }
        Body body = body(exchange);
        GroupId id = GroupId.of(group);
        switch (verb) {
            case "ack" -> operations.acknowledge(id, body.operator());
            case "restart" -> operations.restart(id, body.operator(), body.note());
            case "pause" -> operations.pause(id, body.operator(), body.note());
            default -> operations.resume(id, body.operator(), body.note());
        }
        LOG.info("operator action action={} group={} operator={}", verb, group, body.operator());
        Replies.json(exchange, 202, new Accepted(verb, group, body.operator(), body.note()));
    }

    private void review(HttpExchange exchange, String dependent, String dependsOn, String verb) throws IOException {
        Verdict verdict = switch (verb) {
            case "accept" -> Verdict.ACCEPTED;
            case "reject" -> Verdict.REJECTED;
            default -> null;
        };
        if (verdict == null) {
            Replies.error(exchange, 404, "dependency action - unknown: \"" + verb + "\" (accept or reject)");
            return;
        }
        for (String name : List.of(dependent, dependsOn)) {
            if (!board.hasComponent(name)) {
                Replies.error(exchange, 404, "component - not in the restart map: \"" + name + "\"");
                return;
            }
        }
        Body body = body(exchange);
        operations.reviewDependency(ComponentId.of(dependent), ComponentId.of(dependsOn), verdict, body.operator());
        LOG.info("operator action action={} dependent={} dependsOn={} operator={}", verb, dependent, dependsOn,
                body.operator());
        Replies.json(exchange, 202, new Accepted(verb, dependent + "->" + dependsOn, body.operator(), body.note()));
    }

    private void reload(HttpExchange exchange) throws IOException {
        Operations.Reload outcome = operations.reload(body(exchange).operator());
        Replies.json(exchange, outcome.applied() ? 200 : 422, outcome);
    }

    /** The optional JSON body of an action: {@code {"operator": "...", "note": "..."}}. */
    private record Body(String operator, String note) {
    }

    private static Body body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("body - too large: over " + MAX_BODY + " bytes");
        }
        String operator = "operator via HTTP";
        String note = "";
        if (bytes.length > 0 && !Replies.text(bytes).isBlank()) {
            JsonNode json;
            try {
                json = Replies.JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("body - not JSON: " + e.getOriginalMessage(), e);
            }
            if (!json.isObject()) {
                throw new IllegalArgumentException("body - must be a JSON object like {\"operator\": \"alice\"}: "
                        + Replies.text(bytes));
            }
            operator = json.path("operator").asText(operator);
            note = json.path("note").asText("");
        }
        return new Body(operator, note);
    }

    /** The path cut at '/', each segment URL-decoded; the first is "api". */
    static List<String> segments(String rawPath) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
