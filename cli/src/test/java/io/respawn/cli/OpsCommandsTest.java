package io.respawn.cli;

import static io.respawn.cli.CliRun.respawn;
import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.console.Console;
import io.respawn.engine.console.Token;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.status.StatusBoard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs against a running engine (no agent: the map's components are never started). */
class OpsCommandsTest {
    private static final String MAP = """
            version: 1
            defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - component: db
                      command: [sleep, "86400"]
            """;
    private static RuleBase rules;

    @TempDir
    Path dir;

    private EngineService engine;
    private Console console;
    private Path tokenFile;
    private String url;


    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dir.resolve("map.yaml"), MAP);
        StatusBoard board = StatusBoard.live();
        engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules,
                dir.resolve("map.yaml"), new InetSocketAddress("127.0.0.1", 0),
                "ops test secret, long enough".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)), board);
        tokenFile = dir.resolve("http-token");
        Token token = Token.resolve(null, tokenFile);
        console = Console.start(new Console.Settings(new InetSocketAddress("127.0.0.1", 0), token), board, engine);
        url = "http://127.0.0.1:" + console.address().getPort();
    }

    @AfterEach
    void stop() {
        console.close();
        engine.close();
    }


    private String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String journal() {
        try {
            return Files.readString(dir.resolve("journal.jsonl"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tokenFile_isCreatedReadableByItsOwnerOnly() throws IOException {
        assertThat(Files.getPosixFilePermissions(tokenFile)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(Files.readString(tokenFile).strip()).hasSize(48);
    }

    @Test
    void status_printsTheSummary() {
        CliRun run = respawn("status", "--engine", url);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("engine      " + url + ", map map.yaml")
                .contains("components  1 stopped").contains("given up    none").contains("agents      0 connected");
    }

    @Test
    void tree_printsGroupsAndComponentsWithTheirStates() {
        CliRun run = respawn("tree", "--engine", url);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().toList().get(0)).startsWith("root").contains("stopped");
        assertThat(run.out().lines().toList().get(2)).startsWith("    └── db").contains("stopped").contains("on n1");
    }

    @Test
    void why_ofAComponentWithoutDecisions_andOfAnUnknownOne() {
        CliRun known = respawn("why", "--engine", url, "db");
        CliRun unknown = respawn("why", "--engine", url, "nosuch");

        assertThat(known.exit()).isZero();
        assertThat(known.out()).isEqualTo("db is stopped, restarted 0 times.\nNo decision has been made about db.\n");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("why: component - not in the restart map: \"nosuch\"\n");
    }

    @Test
    void pauseAndAck_withTheTokenFile_areJournaledAsOperatorFacts() {
        CliRun pause = respawn("pause", "--engine", url, "--token-file", tokenFile.toString(), "--as", "alice",
                "--note", "deploy", "infra");
        CliRun ack = respawn("ack", "--engine", url, "--token-file", tokenFile.toString(), "--as", "alice", "root");

        assertThat(pause.exit()).as(pause.err()).isZero();
        assertThat(pause.out()).startsWith("paused automation at infra (as alice)");
        assertThat(ack.exit()).as(ack.err()).isZero();
        Eventually.within(Duration.ofSeconds(10), "the operator facts journaled",
                () -> journal().contains("\"type\":\"operator-pause\"") && journal().contains("\"type\":\"operator-ack\""));
        assertThat(journal()).contains("\"group\":\"infra\",\"operator\":\"alice\",\"note\":\"deploy\"");
        Eventually.within(Duration.ofSeconds(10), "the board shows infra paused",
                () -> respawn("tree", "--engine", url).out().contains("[automation paused]"));
        assertThat(metrics()).contains("respawn_facts_ingested_total{type=\"operator-pause\"} 1.0")
                .contains("respawn_groups_paused 1.0");
    }

    @Test
    void action_withAWrongToken_saysWhereTheTokenComesFrom() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong-token"), "not-it\n");

        CliRun run = respawn("restart", "--engine", url, "--token-file", wrong.toString(), "infra");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("restart: the engine at " + url + " refused the token (401)")
                .contains("--token-file (default respawn-data/http-token)");
    }

    @Test
    void action_withoutATokenFile_saysSo() {
        CliRun run = respawn("resume", "--engine", url, "--token-file", dir.resolve("missing").toString(), "infra");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no token: " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void unknownGroup_isNamed() {
        CliRun run = respawn("pause", "--engine", url, "--token-file", tokenFile.toString(), "nosuch");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("pause: group - not in the restart map: \"nosuch\"\n");
    }

    @Test
    void reload_ofABrokenMap_isRefusedWithItsProblems_andFails() throws IOException {
        Files.writeString(dir.resolve("map.yaml"), "version: 1\nroot: [not, a, group]\n");

        CliRun run = respawn("reload", "--engine", url, "--token-file", tokenFile.toString());

        assertThat(run.exit()).isEqualTo(1);
        // the engine runs in this JVM: its own log lines (time first) share the captured stderr
        String said = run.err().lines().filter(line -> !line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(said).startsWith("reload refused; what runs stays:\n  " + dir.resolve("map.yaml") + ":2: root:");
    }

    @Test
    void engineNotRunning_saysWhereItLooked() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        CliRun run = respawn("status", "--engine", "http://127.0.0.1:" + port);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("status: engine not reachable at http://127.0.0.1:" + port
                + ": connection refused");
    }

    @Test
    void badEngineUrl_isNamed() {
        CliRun run = respawn("status", "--engine", "127.0.0.1:7461");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--engine - not an http URL: \"127.0.0.1:7461\"");
    }

    @Test
    void version_isPrinted() {
        CliRun run = respawn("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("respawn ");
    }
}
