package io.respawn.engine.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the dossier to the webhook as {@code application/json}, once, within the timeout; a
 * 2xx answer is success, anything else is logged as an error with the status and the start of
 * the body.
 */
final class WebhookNotice {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotice.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    WebhookNotice(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void post(Dossier dossier, String json) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "respawn-engine")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() / 100 == 2) {
                LOG.info("notify webhook answered status={} took_ms={} decision={}", response.statusCode(), tookMs,
                        dossier.giveUp().id());
            } else {
                String body = response.body();
                LOG.error("notify webhook - answered {} url={} decision={} body=\"{}\"", response.statusCode(), url,
                        dossier.giveUp().id(), body.length() > 200 ? body.substring(0, 200) : body);
            }
        } catch (IOException e) {
            LOG.error("notify webhook - failed after {}ms (timeout {}ms) url={} decision={}: {}",
                    (System.nanoTime() - started) / 1_000_000, timeout.toMillis(), url, dossier.giveUp().id(),
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
