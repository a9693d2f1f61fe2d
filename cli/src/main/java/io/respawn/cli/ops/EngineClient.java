package io.respawn.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's HTTP API as the verbs use it. Failures become one message that says what to do:
 * the engine not reachable at its address, the token missing or refused and where it comes from,
 * or the engine's own error message (which names the bad value).
 */
final class EngineClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String environmentToken;
    private final Path tokenFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    EngineClient(URI base, String environmentToken, Path tokenFile) {
        this.base = base;
        this.environmentToken = environmentToken;
        this.tokenFile = tokenFile;
    }

    URI base() {
        return base;
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A mutating call, with the token and {@code {"operator": ..., "note": ...}}. */
    JsonNode post(String path, String operator, String note) {
        ObjectNode body = JSON.createObjectNode().put("operator", operator).put("note", note == null ? "" : note);
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private String token() {
        if (environmentToken != null && !environmentToken.isBlank()) {
            return environmentToken.strip();
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException(tokenFile + " - the token file is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no token: " + tokenFile + " does not exist and RESPAWN_TOKEN is not set"
                    + " (the engine writes its token to its --token-file, default respawn-data/http-token)", e);
        } catch (IOException e) {
            throw new IllegalStateException(tokenFile + " - cannot read the token file: " + e.getMessage(), e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("engine not reachable at " + base + ": connection refused (is `respawn"
                    + " engine` running with --http? give its address with --engine URL)", e);
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("engine at " + base + " did not answer within " + TIMEOUT.toSeconds()
                    + "s", e);
        } catch (IOException e) {
            throw new IllegalStateException("engine not reachable at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine at " + base, e);
        }
        JsonNode body = parse(response);
        int status = response.statusCode();
        if (status == 401) {
            throw new IllegalStateException("the engine at " + base + " refused the token (401): "
                    + body.path("error").asText() + "\nThe token is in the engine's --token-file (default"
                    + " respawn-data/http-token); give it here with --token-file FILE or RESPAWN_TOKEN.");
        } else if (status >= 400 && status != 422) {
            throw new IllegalStateException(body.path("error").asText("engine answered " + status + " to "
                    + built.method() + " " + built.uri()));
        }
        return body;
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("engine at " + base + " answered " + response.statusCode()
                    + " with something that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
