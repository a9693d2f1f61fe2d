package io.respawn.engine.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people that respawn gave up: for each {@link Dossier} it runs the configured command
 * (through {@code /bin/sh -c}, the dossier as JSON on its standard input) and/or posts the
 * dossier to the configured webhook, on a thread of its own. The caller (the engine's loop)
 * only queues the dossier; a notice that fails or times out is logged and dropped, and when
 * {@value #QUEUE} notices are waiting, a new one is dropped with an error in the log.
 */
public final class GiveUpNotifier implements AutoCloseable {
    /**
     * Where to send notices.
     *
     * @param command a shell command line to run, if any
     * @param webhook a URL to POST the dossier to, if any
     * @param timeout how long a command may run, or a webhook take to answer, before it is given up
     */
    public record Settings(Optional<String> command, Optional<URI> webhook, Duration timeout) {
        public Settings {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("notify.timeout - must be greater than 0: " + timeout);
            }
            webhook.ifPresent(Settings::requireHttp);
        }

        public boolean any() {
            return command.isPresent() || webhook.isPresent();
        }

        private static void requireHttp(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("notify.webhook - must be an http or https URL: " + uri);
            }
        }
    }

    static final int QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(GiveUpNotifier.class);

    private final Settings settings;
    private final ThreadPoolExecutor executor;
    private final CommandNotice command;
    private final WebhookNotice webhook;

    public GiveUpNotifier(Settings settings) {
        this.settings = settings;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread thread = new Thread(r, "respawn-notify");
                    thread.setDaemon(true);
                    return thread;
                });
        this.command = settings.command().map(c -> new CommandNotice(c, settings.timeout())).orElse(null);
        this.webhook = settings.webhook().map(u -> new WebhookNotice(u, settings.timeout())).orElse(null);
    }

    public Settings settings() {
        return settings;
    }

    /** Queues the notices for {@code dossier} and returns at once. */
    public void gaveUp(Dossier dossier) {
        String json = dossier.json();
        try {
            executor.execute(() -> send(dossier, json));
        } catch (RejectedExecutionException e) {
            LOG.error("{} - give-up notice dropped: {} notices are waiting (limit {}) decision={}",
                    dossier.giveUp().group(), executor.getQueue().size(), QUEUE, dossier.giveUp().id());
        }
    }

    private void send(Dossier dossier, String json) {
        if (command != null) {
            try {
                command.run(dossier, json);
            } catch (RuntimeException e) {
                LOG.error("give-up notice by command failed decision={}", dossier.giveUp().id(), e);
            }
        }
        if (webhook != null) {
            try {
                webhook.post(dossier, json);
            } catch (RuntimeException e) {
                LOG.error("give-up notice by webhook failed decision={}", dossier.giveUp().id(), e);
            }
        }
    }

    /** Stops taking notices; waits up to twice the timeout for those queued to be sent. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                LOG.warn("give-up notices still running at close; stopping them pending={}",
                        executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
