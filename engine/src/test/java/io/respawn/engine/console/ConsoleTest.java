package io.respawn.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.Operations;
import io.respawn.engine.status.StatusBoard;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.OperatorPause;
import io.respawn.facts.Verdict;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTP: a board replayed from a scenario, operations that only record what they are asked. */
class ConsoleTest {
    private static final String TOKEN = "s3cret-token-for-tests";
    private static RuleBase rules;

    @TempDir
    Path dir;

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatusBoard board;
    private Console console;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @BeforeEach
    void start() throws IOException {
        board = StatusBoard.replayed();
        try (Oracle oracle = new Oracle(rules, null);
             FactLogReader reader = FactLogReader.open(
                     Path.of("../test-scenarios/scenarios/11-escalation-to-root-and-give-up/facts.jsonl"),
                     FactLogReader.BadLines.STOP, e -> { })) {
            oracle.addFailureListener(board::failed);
            oracle.addListener(board::decided);
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                oracle.accept(entry.fact());
                board.fact(entry.fact());
            }
        }
        Path journal = Files.writeString(dir.resolve("journal.jsonl"), "0123456789");
        console = Console.start(new Console.Settings(new InetSocketAddress("127.0.0.1", 0), Token.of(TOKEN), 200),
                board, new Recording(), new EngineGauges(() -> 2, () -> 0, journal, () -> 5));
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + console.address().getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"operator\":\"alice\",\"note\":\"deploy\"}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Replies.JSON.readTree(response.body());
    }

    @Test
    void status_countsStatesGivenUpGroupsAgentsAndJournal() throws Exception {
        HttpResponse<String> response = get("/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode status = json(response);
        assertThat(status.at("/board/givenUp/0").asText()).isEqualTo("root");
        // db, worker and cache exited and web fell silent after the give-up; batch runs
        assertThat(status.at("/board/components/given-up").asInt()).isEqualTo(4);
        assertThat(status.at("/board/components/running").asInt()).isEqualTo(1);
        assertThat(status.at("/agentsConnected").asInt()).isEqualTo(2);
        assertThat(status.at("/journal/bytes").asLong()).isEqualTo(10);
    }

    @Test
    void tree_givesEveryGroupAndComponentWithItsStateWord() throws Exception {
        JsonNode tree = json(get("/api/tree"));

        assertThat(tree.at("/name").asText()).isEqualTo("root");
        assertThat(tree.at("/state").asText()).isEqualTo("given-up");
        assertThat(tree.at("/groups/0/name").asText()).isEqualTo("infra");
        assertThat(tree.at("/groups/0/components/0/name").asText()).isEqualTo("db");
        assertThat(tree.at("/groups/0/components/0/lastFailure/cause").asText()).isEqualTo("exited");
    }

    @Test
    void decisions_limitedAndNewestFirst_aBadLimitIsNamed() throws Exception {
        JsonNode decisions = json(get("/api/decisions?limit=2"));
        assertThat(decisions).hasSize(2);
        assertThat(decisions.at("/0/type").asText()).isEqualTo("give-up");
        assertThat(decisions.at("/0/rule").asText()).startsWith("GU-01 ");
        assertThat(decisions.at("/0/evidence/0/because/0/id").asText()).isEqualTo("e8");

        HttpResponse<String> bad = get("/api/decisions?limit=lots");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("limit").contains("\"lots\"");
    }

    @Test
    void why_ofAComponent_andOfOneTheMapDoesNotKnow() throws Exception {
        JsonNode why = json(get("/api/components/db/why"));
        assertThat(why.path("words").asText()).contains("give up at root");
        assertThat(why.at("/decision/rule").asText()).startsWith("GU-01 ");

        HttpResponse<String> unknown = get("/api/components/nosuch/why");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("component - not in the restart map: \"nosuch\"");
    }

    @Test
    void giveUpsAndDependencies_areLists() throws Exception {
        assertThat(json(get("/api/giveups")).at("/0/group").asText()).isEqualTo("root");
        assertThat(json(get("/api/giveups")).at("/0/open").asBoolean()).isTrue();
        assertThat(json(get("/api/dependencies")).isArray()).isTrue();
    }

    @Test
    void action_withoutToken_is401WithAClearMessage_andNothingIsAsked() throws Exception {
        HttpResponse<String> none = post("/api/groups/root/ack", null);
        HttpResponse<String> wrong = post("/api/groups/root/ack", "not-the-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).path("error").asText()).contains("Authorization: Bearer").contains("--token-file");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).contains("not this engine's");
        assertThat(asked).isEmpty();
    }

    @Test
    void groupActions_withToken_goToOperationsWithOperatorAndNote() throws Exception {
        for (String verb : List.of("ack", "restart", "pause", "resume")) {
            HttpResponse<String> response = post("/api/groups/infra/" + verb, TOKEN);
            assertThat(response.statusCode()).as(verb).isEqualTo(202);
        }

        assertThat(asked).containsExactly("ack infra alice", "restart infra alice deploy", "pause infra alice deploy",
                "resume infra alice deploy");
    }

    @Test
    void groupAction_onAGroupTheMapDoesNotKnow_is404NamingIt() throws Exception {
        HttpResponse<String> response = post("/api/groups/nosuch/pause", TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("group - not in the restart map: \"nosuch\"");
        assertThat(asked).isEmpty();
    }

    @Test
    void dependencyReview_andReload() throws Exception {
        assertThat(post("/api/dependencies/web/db/accept", TOKEN).statusCode()).isEqualTo(202);
        assertThat(post("/api/dependencies/web/db/reject", TOKEN).statusCode()).isEqualTo(202);
        HttpResponse<String> reload = post("/api/reload", TOKEN);

        assertThat(asked).containsExactly("review web db ACCEPTED alice", "review web db REJECTED alice", "reload alice");
        assertThat(reload.statusCode()).isEqualTo(422);
        assertThat(json(reload).at("/problems/0").asText()).isEqualTo("rules.drl:3: bad");
    }

    @Test
    void readWithPost_is405_unknownPath_is404() throws Exception {
        assertThat(post("/api/tree", TOKEN).statusCode()).isEqualTo(405);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/nothing")).path("error").asText()).contains("/api/nothing");
    }

    @Test
    void events_pushBoardChangesAsTheyHappen() throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(uri("/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body()))) {
            assertThat(lines.readLine()).isEqualTo("retry: 2000");
            assertThat(lines.readLine()).isEqualTo("event: hello");
            lines.readLine();
            lines.readLine();

            board.fact(new OperatorPause("p1", Instant.parse("2026-11-27T10:01:00Z"), GroupId.of("apps"), "alice", ""));

            String line;
            do {
                line = lines.readLine();
            } while (line != null && (line.isEmpty() || line.startsWith(":")));   // keep-alives while waiting
            assertThat(line).isEqualTo("event: tree");
            JsonNode tree = Replies.JSON.readTree(lines.readLine().substring("data: ".length()));
            assertThat(tree.at("/groups/1/name").asText()).isEqualTo("apps");
            assertThat(tree.at("/groups/1/paused").asBoolean()).isTrue();
        }
    }

    @Test
    void metrics_inTheTextFormat_withComponentsByStateAndGivenUpGroups() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("respawn_components{state=\"given-up\"} 4.0")
                .contains("respawn_groups_given_up 1.0").contains("respawn_agents_connected 2.0")
                .contains("respawn_journal_bytes 10.0").contains("respawn_recovery_seconds_bucket")
                .contains("respawn_gateway_connections_over_cap_total 5.0");
    }

    @Test
    void dashboard_servedFromResources_andNothingElse() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/app.js\">");
        assertThat(get("/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/Console.class").statusCode()).isEqualTo(404);
    }

    @Test
    void dashboardUrl_carriesTheTokenInTheFragment() {
        assertThat(console.dashboardUrl(Token.of(TOKEN)))
                .isEqualTo("http://127.0.0.1:" + console.address().getPort() + "/#token=" + TOKEN);
    }

    /** Operations that record what they are asked, in words. */
    private final class Recording implements Operations {
        @Override
        public void acknowledge(GroupId group, String operator) {
            asked.add("ack " + group + " " + operator);
        }

        @Override
        public void restart(GroupId group, String operator, String note) {
            asked.add("restart " + group + " " + operator + " " + note);
        }

        @Override
        public void pause(GroupId group, String operator, String note) {
            asked.add("pause " + group + " " + operator + " " + note);
        }

        @Override
        public void resume(GroupId group, String operator, String note) {
            asked.add("resume " + group + " " + operator + " " + note);
        }

        @Override
        public void reviewDependency(ComponentId dependent, ComponentId dependsOn, Verdict verdict, String operator) {
            asked.add("review " + dependent + " " + dependsOn + " " + verdict + " " + operator);
        }

        @Override
        public Reload reload(String operator) {
            asked.add("reload " + operator);
            return new Reload(false, List.of("rules.drl:3: bad"), "rules", "map.yaml");
        }
    }
}
