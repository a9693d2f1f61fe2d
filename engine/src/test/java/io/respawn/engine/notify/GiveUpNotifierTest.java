package io.respawn.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.GiveUp;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.Restart;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Give-up notices: the dossier, a webhook on a loopback receiver, a command writing a file. */
class GiveUpNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** One component in the root, one restart a minute: the second crash gives up. */
    private static final String LOG = """
            {"format":"respawn-fact-log","version":1}
            {"type":"map","id":"m1","at":"2026-11-27T10:00:00.000Z","source":"flat.yaml","yaml":"version: 1\\ndefaults: {node: n1, startupGrace: 2s, cureWindow: 10s, intensity: {restarts: 1, period: 60s}}\\nroot:\\n  group: root\\n  children:\\n    - {component: db, command: [sleep, '86400']}\\n"}
            {"type":"process-started","id":"s1","at":"2026-11-27T10:00:00.000Z","component":"db","node":"n1","pid":101}
            {"type":"process-exited","id":"e1","at":"2026-11-27T10:00:05.000Z","component":"db","node":"n1","pid":101,"signal":9,"expected":false}
            {"type":"process-started","id":"s2","at":"2026-11-27T10:00:06.000Z","component":"db","node":"n1","pid":201}
            {"type":"process-exited","id":"e2","at":"2026-11-27T10:00:09.000Z","component":"db","node":"n1","pid":201,"signal":11,"expected":false}
            """;
    private static Dossier dossier;

    @TempDir
    Path dir;

    private HttpServer server;
    private GiveUpNotifier notifier;

    /** Replays the log and writes up its give-up the way the engine does: on the oracle's thread, when decided. */
    @BeforeAll
    static void giveUp() {
        Dossier[] written = new Dossier[1];
        try (Oracle oracle = new Oracle(RuleBase.defaults(), null);
             FactLogReader reader = FactLogReader.of(new BufferedReader(new StringReader(LOG)), "flat.jsonl")) {
            oracle.addListener(d -> {
                if (d instanceof GiveUp g) {
                    written[0] = Dossier.of(g, oracle);
                }
            });
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                oracle.accept(entry.fact());
            }
        }
        dossier = written[0];
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop(0);
            if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
                pool.shutdownNow();    // HttpServer.stop leaves the executor it was given running
            }
        }
    }

    @Test
    void dossier_namesTheFailureWhatWasTriedTheRulesAndTheEvidence() {
        assertThat(dossier).isNotNull();
        assertThat(dossier.summary()).startsWith("root - gave up: restarting the root group root did not cure db");
        assertThat(dossier.failure().evidence()).containsExactly("e2");
        assertThat(dossier.tried()).singleElement().isInstanceOf(Restart.class);
        assertThat(dossier.rules()).containsExactly(
                "FI-03 A component whose process exits unasked has failed",
                "RS-10 A wanted restart of a group within its restart intensity is decided",
                "GU-01 When the root group's restart did not cure, give up");
        // e2 is kept in the session (a process exit); the restart's failure and the give-up's too
        assertThat(dossier.evidence().get("e2")).isInstanceOf(ProcessExited.class);
        assertThat(dossier.evidence()).containsKey(dossier.tried().get(0).id());
    }

    @Test
    void webhook_receivesTheDossierAsJson() throws Exception {
        BlockingQueue<String> bodies = new ArrayBlockingQueue<>(4);
        BlockingQueue<String> types = new ArrayBlockingQueue<>(4);
        server = receiver(exchange -> {
            types.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        notifier = new GiveUpNotifier(new GiveUpNotifier.Settings(Optional.empty(), Optional.of(url(server)),
                Duration.ofSeconds(10)));

        notifier.gaveUp(dossier);

        String body = bodies.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        assertThat(types.poll()).isEqualTo("application/json");
        JsonNode json = FactJson.mapper().readTree(body);
        assertThat(json.at("/giveUp/type").asText()).isEqualTo("give-up");
        assertThat(json.at("/giveUp/group").asText()).isEqualTo("root");
        assertThat(json.at("/failure/cause").asText()).isEqualTo("EXITED");
        assertThat(json.at("/tried/0/type").asText()).isEqualTo("restart");
        assertThat(json.at("/evidence/e2/type").asText()).isEqualTo("process-exited");
        assertThat(json.at("/evidence/" + dossier.failure().id() + "/type").asText()).isEqualTo("failure");
    }

    @Test
    void command_getsTheDossierOnStdinAndTheEssentialsInItsEnvironment() throws Exception {
        Path out = dir.resolve("dossier.json");
        Path env = dir.resolve("env.txt");
        notifier = new GiveUpNotifier(new GiveUpNotifier.Settings(Optional.of(
                "cat > '" + out + ".tmp' && mv '" + out + ".tmp' '" + out + "';"
                        + " printf '%s|%s|%s' \"$RESPAWN_GROUP\" \"$RESPAWN_COMPONENT\" \"$RESPAWN_DECISION\" > '"
                        + env + ".tmp' && mv '" + env + ".tmp' '" + env + "'"),
                Optional.empty(), Duration.ofSeconds(10)));

        notifier.gaveUp(dossier);

        awaitFile(env);
        assertThat(FactJson.mapper().readTree(Files.readString(out)).at("/giveUp/id").asText())
                .isEqualTo(dossier.giveUp().id());
        assertThat(Files.readString(env)).isEqualTo("root|db|" + dossier.giveUp().id());
    }

    @Test
    void webhookThatHangs_doesNotHoldUpTheCaller_andTheNextNoticeStillGoesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        server = receiver(exchange -> {
            received.add("request");
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        Path count = dir.resolve("count.txt");
        notifier = new GiveUpNotifier(new GiveUpNotifier.Settings(Optional.of("echo notice >> '" + count + "'"),
                Optional.of(url(server)), Duration.ofMillis(500)));

        // both calls return while the receiver holds the first request
        assertTimeoutPreemptively(WAIT, () -> {
            notifier.gaveUp(dossier);
            notifier.gaveUp(dossier);
        });
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("request");
        // the first notice's webhook call times out (500ms); then the second notice runs its command
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lines(count) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines(count)).isEqualTo(2);
        release.countDown();
    }

    @Test
    void commandThatHangs_isKilledAtItsTimeout_andTheNextNoticeStillRuns() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path out = dir.resolve("after.json");
        notifier = new GiveUpNotifier(new GiveUpNotifier.Settings(Optional.of(
                "if [ -e '" + pidFile + "' ]; then cat > '" + out + "'; else echo $$ > '" + pidFile + "'; exec sleep 60;"
                        + " fi"), Optional.empty(), Duration.ofMillis(500)));

        notifier.gaveUp(dossier);
        notifier.gaveUp(dossier);

        awaitFile(out);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static HttpServer receiver(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", handler);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Waits, up to the deadline, for {@code file} to appear (a command writes it by renaming, whole). */
    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }
}
