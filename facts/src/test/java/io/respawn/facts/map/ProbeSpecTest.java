package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.ComponentId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Probes of every kind: what they read to, and each kind of mistake in them. */
class ProbeSpecTest {
    private static final ProbeTiming DEFAULT = ProbeTiming.DEFAULT;

    @Test
    void everyKind_readsToItsRecord() throws MapException {
        // given a component with one probe of each kind
        RestartMap map = RestartMap.parse("""
                version: 1
                root:
                  group: iroom
                  children:
                    - component: eheap
                      node: node1
                      command: [eheap]
                      probes:
                        - {name: port-open, tcp: {host: 127.0.0.1, port: 4500}}
                        - name: ping
                          sendExpect: {host: 127.0.0.1, port: 4500, send: ping, expect: "^pong"}
                          interval: 10s
                          timeout: 2s
                          initialDelay: 5s
                          jitter: 500ms
                        - {name: health, http: {url: "http://127.0.0.1:8080/health"}}
                        - {name: ready, http: {url: "http://127.0.0.1:8080/ready", status: 204, bodyMatch: ok}}
                        - {name: selfcheck, exec: {command: [eheap-check, --quick]}}
                        - name: http-round-trip
                          roundTrip:
                            write: {httpPut: {url: "http://127.0.0.1:8080/kv/{token}", body: "{token}"}}
                            readBack: {httpGet: {url: "http://127.0.0.1:8080/kv/{token}", bodyMatch: "{token}"}}
                        - name: exec-round-trip
                          roundTrip:
                            write: {exec: {command: [eheap-put, "{token}"]}}
                            readBack: {exec: {command: [eheap-has, "{token}"]}}
                """, "probes.yaml");

        // when its probes are read, then each is the record of its kind, timing defaulted where unset
        assertThat(map.component(ComponentId.of("eheap")).orElseThrow().probes()).containsExactly(
                new TcpProbe("port-open", DEFAULT, "127.0.0.1", 4500),
                new SendExpectProbe("ping", new ProbeTiming(Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofMillis(500)),
                        new SendExpect("127.0.0.1", 4500, "ping", "^pong")),
                new HttpProbe("health", DEFAULT, "http://127.0.0.1:8080/health", 200, Optional.empty()),
                new HttpProbe("ready", DEFAULT, "http://127.0.0.1:8080/ready", 204, Optional.of("ok")),
                new ExecProbe("selfcheck", DEFAULT, new Exec(List.of("eheap-check", "--quick"))),
                new RoundTripProbe("http-round-trip", DEFAULT,
                        new HttpPut("http://127.0.0.1:8080/kv/{token}", "{token}"),
                        new HttpGet("http://127.0.0.1:8080/kv/{token}", "{token}")),
                new RoundTripProbe("exec-round-trip", DEFAULT,
                        new Exec(List.of("eheap-put", "{token}")), new Exec(List.of("eheap-has", "{token}"))));
    }

    @Test
    void token_isFilledInAndQuotedInRegularExpressions() {
        // given round-trip steps that use the token
        SendExpect exchange = new SendExpect("h", 1, "put {token}", "^{token}$");
        HttpGet get = new HttpGet("http://h/kv/{token}", "value={token}");

        // when a run fills in its token
        SendExpect run = exchange.withToken("a1-b2");
        HttpGet getRun = get.withToken("a1-b2");

        // then it is sent as is and matched literally
        assertThat(run.send()).isEqualTo("put a1-b2");
        assertThat(run.expectPattern().matcher("a1-b2").matches()).isTrue();
        assertThat(run.expectPattern().matcher("a1xb2").matches()).isFalse();
        assertThat(getRun.url()).isEqualTo("http://h/kv/a1-b2");
        assertThat(getRun.bodyPattern().matcher("value=a1-b2").find()).isTrue();
        assertThat(new Exec(List.of("has", "{token}")).withToken("t1").command()).containsExactly("has", "t1");
        assertThat(new HttpPut("http://h/{token}", "{token}").withToken("t1"))
                .isEqualTo(new HttpPut("http://h/t1", "t1"));
    }

    @Test
    void tokenWithUnsafeCharacters_isRejected() {
        // given a step, when a token with a space is filled in, then
        assertThatThrownBy(() -> new Exec(List.of("has", "{token}")).withToken("a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roundTrip.token - must be 1-64 letters, digits or '-': \"a b\"");
    }

    @Test
    void probeTiming_rejectsATimeoutAboveTheInterval() {
        // given a timeout one millisecond above the interval, when the timing is made, then
        assertThatThrownBy(() -> new ProbeTiming(Duration.ofSeconds(1), Duration.ofMillis(1001), Duration.ZERO,
                Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe.timeout - must not exceed the interval PT1S: PT1.001S");
    }

    @Test
    void probeTiming_acceptsATimeoutEqualToTheInterval() {
        // given the harness's 200 ms / 200 ms probe, when the timing is made, then it stands
        assertThat(new ProbeTiming(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ZERO, Duration.ZERO)
                .timeout()).isEqualTo(Duration.ofMillis(200));
    }

    /** Lines 1-7 of every row; the probe under test starts at line 8. */
    private static final String COMPONENT = """
            version: 1
            root:
              group: iroom
              children:
                - component: eheap
                  node: node1
                  command: [eheap]
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // a timeout that outlasts the interval
                Arguments.of("timeout above interval", """
                              probes:
                                - {name: ping, tcp: {host: h, port: 1}, interval: 2s, timeout: 2001ms}
                        """, "iroom.yaml:9: timeout 2001ms must not exceed interval 2s"),
                // a short interval with the default timeout
                Arguments.of("default timeout not below interval", """
                              probes:
                                - {name: ping, tcp: {host: h, port: 1}, interval: 500ms}
                        """, "iroom.yaml:9: timeout 1s (the default) must not exceed interval 500ms"),
                // no check at all
                Arguments.of("no check", """
                              probes:
                                - {name: ping, interval: 2s}
                        """, "iroom.yaml:9: probe \"ping\": missing the check; write one of tcp, sendExpect, http,"
                        + " exec, roundTrip"),
                // two checks in one probe
                Arguments.of("two checks", """
                              probes:
                                - {name: ping, tcp: {host: h, port: 1}, exec: {command: [x]}}
                        """, "iroom.yaml:9: probe \"ping\": more than one check (tcp, exec); a probe has exactly one"),
                // no name
                Arguments.of("no name", """
                              probes:
                                - {tcp: {host: h, port: 1}}
                        """, "iroom.yaml:9: probe: missing name"),
                // two probes of one component with one name
                Arguments.of("duplicate probe name", """
                              probes:
                                - {name: ping, tcp: {host: h, port: 1}}
                                - {name: ping, tcp: {host: h, port: 2}}
                        """, "iroom.yaml:10: duplicate probe name \"ping\" (first declared at line 9)"),
                // a port out of range
                Arguments.of("bad port", """
                              probes:
                                - {name: ping, tcp: {host: h, port: 70000}}
                        """, "iroom.yaml:9: tcp.port: must be at most 65535: 70000"),
                // a key missing from a check
                Arguments.of("tcp without host", """
                              probes:
                                - {name: ping, tcp: {port: 1}}
                        """, "iroom.yaml:9: tcp: missing host"),
                // an expectation that is not a regular expression
                Arguments.of("bad regex", """
                              probes:
                                - {name: ping, sendExpect: {host: h, port: 1, send: ping, expect: "(pong"}}
                        """, "iroom.yaml:9: sendExpect.expect: bad regular expression \"(pong\": Unclosed group at"
                        + " index 5"),
                // the token outside a round trip
                Arguments.of("token outside a round trip", """
                              probes:
                                - {name: ping, sendExpect: {host: h, port: 1, expect: "{token}"}}
                        """, "iroom.yaml:9: sendExpect.expect: bad regular expression \"{token}\": Illegal repetition"
                        + " at index 1; {token} is filled in only in a roundTrip probe"),
                // not an http URL
                Arguments.of("bad URL", """
                              probes:
                                - {name: health, http: {url: "ftp://h/x"}}
                        """, "iroom.yaml:9: http.url: bad URL \"ftp://h/x\" (write an http or https URL, e.g."
                        + " http://127.0.0.1:8080/health)"),
                // a status that is no HTTP status
                Arguments.of("bad status", """
                              probes:
                                - {name: health, http: {url: "http://h/x", status: 42}}
                        """, "iroom.yaml:9: http.status: must be at least 100: 42"),
                // a round trip whose write forgets the token
                Arguments.of("write without token", """
                              probes:
                                - name: rt
                                  roundTrip:
                                    write: {exec: {command: [put, fixed]}}
                                    readBack: {exec: {command: [has, "{token}"]}}
                        """, "iroom.yaml:11: roundTrip.write: does not use {token}; write the run's token so readBack"
                        + " can find it"),
                // a round trip step written without its kind
                Arguments.of("step without kind", """
                              probes:
                                - name: rt
                                  roundTrip:
                                    write: {exec: {command: [put, "{token}"]}}
                                    readBack: {host: h, port: 1, send: "get {token}", expect: "{token}"}
                        """, "iroom.yaml:12: roundTrip.readBack: missing the step; write one of sendExpect, httpGet,"
                        + " exec, e.g. readBack: {sendExpect: {host: ..., port: ..., send: ..., expect: ...}}"),
                // a read step used to write
                Arguments.of("httpGet as write", """
                              probes:
                                - name: rt
                                  roundTrip:
                                    write: {httpGet: {url: "http://h/{token}", bodyMatch: x}}
                                    readBack: {exec: {command: [has, "{token}"]}}
                        """, "iroom.yaml:11: roundTrip.write: httpGet is not a write step; write one of sendExpect,"
                        + " httpPut, exec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void probeMistake_isReportedWithFileLineAndMessage(String situation, String probes, String expected) {
        // given a component whose probes have one mistake, when the map is parsed, then that problem is reported
        assertThat(Maps.problemsOf(COMPONENT + probes)).containsExactly(expected);
    }
}
