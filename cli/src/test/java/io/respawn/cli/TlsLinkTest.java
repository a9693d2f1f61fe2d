package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.state.Ledger;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.wire.Command;
import io.respawn.wire.tls.LinkTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The agent's link and the engine service inside TLS, over real loopback sockets, with
 * certificates made by {@code openssl} as docs/security.md shows: what works end to end,
 * and each way it is set up wrong, refused with a WARN that says why while the agent keeps
 * trying.
 */
class TlsLinkTest {
    private static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RuleBase rules;
    private static Certificates certs;

    @TempDir
    static Path certDir;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final Warnings agentLog = new Warnings(EngineLink.class.getName());
    private final Warnings engineLog = new Warnings("io.respawn.engine.gateway");

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        rules = RuleBase.defaults();
        certs = Certificates.in(certDir);
    }

    @BeforeEach
    void listen() {
        agentLog.attach();
        engineLog.attach();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        agentLog.detach();
        engineLog.detach();
    }

    /** WARN lines of one logger (and those below it), collected from any thread. */
    private static final class Warnings extends AppenderBase<ILoggingEvent> {
        private final String logger;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Warnings(String logger) {
            this.logger = logger;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                lines.add(event.getFormattedMessage());
            }
        }

        void attach() {
            start();
            ((Logger) LoggerFactory.getLogger(logger)).addAppender(this);
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(logger)).detachAppender(this);
        }

        long count(String text) {
            return lines.stream().filter(line -> line.contains(text)).count();
        }

        boolean has(String text) {
            return count(text) > 0;
        }
    }

    private EngineService engine(int port, LinkTls tls) throws IOException {
        Path map = dir.resolve("map.yaml");
        if (!Files.exists(map)) {
            Files.writeString(map, """
                    version: 1
                    defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
                    root:
                      group: root
                      children:
                        - group: infra
                          children:
                            - component: db
                              command: [sleep, "86400"]
                    """);
        }
        EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules,
                map, new InetSocketAddress("127.0.0.1", port), SECRET, Duration.ofSeconds(1)).withTls(tls));
        open.add(engine);
        return engine;
    }

    private EngineLink link(int port, LinkTls tls) {
        EngineLink link = new EngineLink(new EngineLink.Settings(new InetSocketAddress("127.0.0.1", port), "n1",
                SECRET, 10_000, Ledger.OFF, tls), c -> {
                    commands.add(c);
                    return Optional.empty();
                });
        open.add(link);
        link.start();
        return link;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LinkTls engineTls() {
        return LinkTls.engine(certs.file("engine.crt"), certs.file("engine.key"), null);
    }

    private static LinkTls mutualEngineTls() {
        return LinkTls.engine(certs.file("engine.crt"), certs.file("engine.key"), certs.file("ca.crt"));
    }

    private static LinkTls agentTls() {
        return LinkTls.agent(certs.file("ca.crt"), null, null);
    }

    private static ProcessStarted started(long pid) {
        return new ProcessStarted("x", Instant.now(), ComponentId.of("db"), "n1", pid, null, null);
    }

    /** The link is refused: the agent says why, again on every try, and never gets in. */
    private void refusedAndRetried(EngineLink link, String agentSays) {
        Eventually.within(WAIT, "the agent's second try, refused: " + agentSays,
                () -> agentLog.count(agentSays) >= 2);
        assertThat(link.isReady()).isFalse();
    }

    @Test
    void tls_factsAreAcknowledged_andACommandComesBack() throws IOException {
        int port = freePort();
        engine(port, engineTls());
        EngineLink link = link(port, agentTls());
        Eventually.within(WAIT, "link ready", link::isReady);

        link.send(started(100));
        Eventually.within(WAIT, "the fact acknowledged", () -> link.unacknowledged() == 0);
        link.send(new ProcessExited("x", Instant.now(), ComponentId.of("db"), "n1", 100, null, 9, false, null));

        Eventually.within(WAIT, "a restart command", () -> !commands.isEmpty());
        assertThat(commands.get(0).action()).isEqualTo(Command.Action.RESTART_GROUP);
        assertThat(commands.get(0).target()).isEqualTo("infra");
        assertThat(agentLog.lines).isEmpty();
        assertThat(engineLog.lines).isEmpty();
    }

    @Test
    void mutualTls_agentWithACertificateOfTheCa_isAccepted() throws IOException {
        int port = freePort();
        EngineService engine = engine(port, mutualEngineTls());

        EngineLink link = link(port, LinkTls.agent(certs.file("ca.crt"), certs.file("agent.crt"),
                certs.file("agent.key")));

        Eventually.within(WAIT, "link ready", link::isReady);
        link.send(started(100));
        Eventually.within(WAIT, "the fact acknowledged", () -> link.unacknowledged() == 0);
        assertThat(engine.gateway().refusals()).isZero();
    }

    @Test
    void mutualTls_agentWithoutACertificate_isRefused() throws IOException {
        int port = freePort();
        EngineService engine = engine(port, mutualEngineTls());

        EngineLink link = link(port, agentTls());

        refusedAndRetried(link, "TLS handshake with 127.0.0.1:" + port + " failed: the engine requires a client"
                + " certificate (its --tls-client-ca): give this agent --tls-cert and --tls-key");
        Eventually.within(WAIT, "the engine's refusal", () -> engineLog.has("failed: the agent presented no"
                + " certificate signed by the CA in " + certs.file("ca.crt") + " (--tls-client-ca)"));
        assertThat(engine.gateway().refusals()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void mutualTls_agentCertificateOfAnotherCa_isRefused() throws IOException {
        int port = freePort();
        engine(port, mutualEngineTls());

        EngineLink link = link(port, LinkTls.agent(certs.file("ca.crt"), certs.file("stranger.crt"),
                certs.file("stranger.key")));

        refusedAndRetried(link, "failed: the engine does not accept this agent's certificate (alert bad_certificate):"
                + " is it signed by the CA the engine's --tls-client-ca names?");
        // the JDK presents no certificate at all rather than one of a CA the engine did not name
        Eventually.within(WAIT, "the engine's refusal", () -> engineLog.has("failed: the agent presented no"
                + " certificate signed by the CA in " + certs.file("ca.crt")));
    }

    @Test
    void agentTrustingAnotherCa_refusesTheEngine() throws IOException {
        int port = freePort();
        engine(port, engineTls());

        EngineLink link = link(port, LinkTls.agent(certs.file("other-ca.crt"), null, null));

        refusedAndRetried(link, "TLS handshake with 127.0.0.1:" + port + " failed: the engine's certificate is not"
                + " signed by the CA in " + certs.file("other-ca.crt"));
        Eventually.within(WAIT, "the engine's log", () -> engineLog.has(
                "failed: the agent does not accept this engine's certificate (alert certificate_unknown)"));
    }

    @Test
    void engineCertificateForAnotherHost_isRefusedByTheAgent() throws IOException {
        int port = freePort();
        engine(port, LinkTls.engine(certs.file("elsewhere.crt"), certs.file("elsewhere.key"), null));

        EngineLink link = link(port, agentTls());

        refusedAndRetried(link, "failed: the engine's certificate is not issued for 127.0.0.1");
    }

    @Test
    void plaintextAgent_isRefusedByATlsEngine() throws IOException {
        int port = freePort();
        EngineService engine = engine(port, engineTls());

        EngineLink link = link(port, LinkTls.OFF);

        Eventually.within(WAIT, "the engine's second refusal", () -> engineLog.count(
                "failed: the agent does not speak TLS (is it started without --tls-ca?)") >= 2);
        assertThat(link.isReady()).isFalse();
        assertThat(engine.gateway().refusals()).isGreaterThanOrEqualTo(2);
        Eventually.within(WAIT, "the agent's hint", () -> agentLog.has("engine closed the connection without a word"
                + " address=127.0.0.1:" + port + " (an engine with TLS on does this to an agent without --tls-ca"));
    }

    @Test
    void tlsAgent_isRefusedByAPlaintextEngine_untilTheEngineSpeaksTls() throws IOException {
        int port = freePort();
        EngineService plaintext = engine(port, LinkTls.OFF);
        EngineLink link = link(port, agentTls());
        refusedAndRetried(link, "TLS handshake with 127.0.0.1:" + port + " failed: the engine does not speak TLS"
                + " (is it started without --tls-cert?)");
        Eventually.within(WAIT, "the engine's refusal", () -> engineLog.has(
                "frame 1 - the peer speaks TLS and this end does not: TLS is on at one end of the link only"));

        // the engine comes back with TLS on the same port: the agent, still trying, gets in
        plaintext.close();
        open.remove(plaintext);
        engine(port, engineTls());

        Eventually.within(WAIT, "link ready once the engine speaks TLS", link::isReady);
        link.send(started(100));
        Eventually.within(WAIT, "the fact acknowledged", () -> link.unacknowledged() == 0);
    }
}
