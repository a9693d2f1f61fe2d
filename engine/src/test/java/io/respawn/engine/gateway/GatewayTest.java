package io.respawn.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.respawn.facts.Tick;
import io.respawn.wire.Auth;
import io.respawn.wire.Challenge;
import io.respawn.wire.FactBatch;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.Hello;
import io.respawn.wire.Refused;
import io.respawn.wire.SequencedFact;
import io.respawn.wire.Welcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A stranger, a broken agent or an eavesdropper at the gateway, over real loopback
 * sockets: each is refused with a reason naming the frame, counted, and closed; no
 * fact of theirs reaches the engine.
 */
class GatewayTest {
    private static final byte[] SECRET = "the shared secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final int READ_TIMEOUT_MS = 10_000;

    private final RecordingAgents agents = new RecordingAgents();
    private final List<String> heard = agents.heard;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Gateway gateway;

    @BeforeEach
    void open() {
        gateway = Gateway.listen(new InetSocketAddress("127.0.0.1", 0), SECRET, agents,
                Gateway.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        log.start();
        ((Logger) LoggerFactory.getLogger(Handshake.class)).addAppender(log);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(Handshake.class)).detachAppender(log);
        gateway.close();
    }

    /** A raw connection that writes whatever bytes a test likes. */
    private final class Peer implements AutoCloseable {
        final Socket socket = new Socket();
        final DataOutputStream out;
        final DataInputStream in;

        Peer() throws IOException {
            socket.connect(gateway.address());
            socket.setSoTimeout(READ_TIMEOUT_MS);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        void send(Frame frame) throws IOException {
            sendRaw(FrameCodec.encode(frame));
        }

        void sendRaw(byte[] json) throws IOException {
            out.writeInt(json.length);
            out.write(json);
            out.flush();
        }

        Frame receive() throws IOException {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return FrameCodec.decode(json);
        }

        /** The refusal's reason, after which the engine closes the connection. */
        String refusal() throws IOException {
            Frame frame = receive();
            assertThat(frame).isInstanceOf(Refused.class);
            assertThat(closedByEngine()).as("connection closed after the refusal").isTrue();
            return ((Refused) frame).message();
        }

        boolean closedByEngine() throws IOException {
            try {
                return in.read() == -1;
            } catch (EOFException e) {
                return true;
            }
        }

        int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Hello hello(String nonce) {
        return new Hello(FrameCodec.VERSION, "n1", "inc-1", nonce);
    }

    private static FactBatch oneFact() {
        return new FactBatch(List.of(new SequencedFact(1, new Tick("t1", Instant.parse("2026-11-27T10:00:00Z")))));
    }

    @Test
    void rightSecret_isWelcomedAndItsFactsHeard() throws IOException {
        try (Peer agent = new Peer()) {
            Hello hello = hello("agent-nonce");
            agent.send(hello);
            Challenge challenge = (Challenge) agent.receive();
            agent.send(new Auth(FrameCodec.mac(SECRET, hello, challenge.nonce())));

            assertThat(agent.receive()).isEqualTo(new Welcome(0));
            agent.send(oneFact());
            agent.send(oneFact());
        }
        // the gateway handles one connection's frames in order: the disconnect comes after both batches
        waitFor(() -> heard.contains("disconnected n1"));
        assertThat(heard).containsExactly("connected n1", "facts 1", "facts 1", "disconnected n1");
        assertThat(gateway.refusals()).isZero();
    }

    @Test
    void notJson_isRefusedNamingTheFrame() throws IOException {
        try (Peer stranger = new Peer()) {
            stranger.sendRaw("GET / HTTP/1.1".getBytes(StandardCharsets.UTF_8));

            assertThat(stranger.refusal()).startsWith("frame 1 - not JSON: ");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void wrongFieldType_isRefusedNamingTheField() throws IOException {
        try (Peer agent = new Peer()) {
            agent.sendRaw("{\"kind\":\"hello\",\"version\":\"1\",\"node\":\"n1\",\"incarnation\":\"i\",\"nonce\":[1]}"
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(agent.refusal()).startsWith("frame 1 - field nonce: ");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void oversizedFrame_isRefusedBeforeItIsSent() throws IOException {
        try (Peer agent = new Peer()) {
            // only the length goes out: the engine refuses without waiting for 16 MiB
            agent.out.writeInt(16 << 20);
            agent.out.flush();

            assertThat(agent.refusal()).isEqualTo("frame 1 - too large: 16777216 bytes (limit 1048576)");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void unknownKind_isRefusedByName() throws IOException {
        try (Peer agent = new Peer()) {
            agent.sendRaw("{\"kind\":\"exec\",\"argv\":[\"sh\"]}".getBytes(StandardCharsets.UTF_8));

            assertThat(agent.refusal()).startsWith("frame 1 - unknown kind \"exec\" (known: ack, auth, ");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void otherProtocolVersion_isRefused() throws IOException {
        try (Peer agent = new Peer()) {
            agent.send(new Hello(2, "n1", "inc-1", "nonce"));

            assertThat(agent.refusal()).isEqualTo("frame 1 - protocol version 2 is not spoken here (version 1)");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void factsBeforeHello_areRefusedAndNotHeard() throws IOException {
        try (Peer agent = new Peer()) {
            agent.send(oneFact());

            assertThat(agent.refusal()).isEqualTo("frame 1 - expected hello first, got facts");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void factsInsteadOfAuth_areRefusedAndNotHeard() throws IOException {
        try (Peer agent = new Peer()) {
            agent.send(hello("n"));
            agent.receive();
            agent.send(oneFact());

            assertThat(agent.refusal()).isEqualTo("frame 2 - expected auth, got facts");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void wrongSecret_isRefused() throws IOException {
        try (Peer agent = new Peer()) {
            Hello hello = hello("n");
            agent.send(hello);
            Challenge challenge = (Challenge) agent.receive();
            agent.send(new Auth(FrameCodec.mac("another secret, just as long".getBytes(StandardCharsets.UTF_8), hello,
                    challenge.nonce())));

            assertThat(agent.refusal()).startsWith("frame 2 - authentication failed for node n1: ");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void emptyMac_isRefusedAsABadFrame() throws IOException {
        try (Peer agent = new Peer()) {
            agent.send(hello("n"));
            agent.receive();
            agent.sendRaw("{\"kind\":\"auth\",\"mac\":\"\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(agent.refusal()).startsWith("frame 2 - auth.mac - ");
        }
        assertRefusedAndUnheard(1);
    }

    @Test
    void recordedAuth_replayedOnANewConnection_isRefused() throws IOException {
        // an eavesdropper records a good agent's whole handshake ...
        Hello hello = hello("agent-nonce");
        Auth recorded;
        Challenge first;
        try (Peer agent = new Peer()) {
            agent.send(hello);
            Challenge challenge = (Challenge) agent.receive();
            first = challenge;
            recorded = new Auth(FrameCodec.mac(SECRET, hello, challenge.nonce()));
            agent.send(recorded);
            assertThat(agent.receive()).isInstanceOf(Welcome.class);
        }
        waitFor(() -> heard.contains("disconnected n1"));

        // ... and plays it back: the engine's challenge is new, so the recorded MAC no longer fits
        try (Peer replay = new Peer()) {
            replay.send(hello);
            Challenge fresh = (Challenge) replay.receive();
            replay.send(recorded);

            assertThat(fresh.nonce()).isNotEqualTo(first.nonce());
            assertThat(replay.refusal()).startsWith("frame 2 - authentication failed for node n1: ");
        }
        assertThat(gateway.refusals()).isEqualTo(1);
        assertThat(heard).containsExactly("connected n1", "disconnected n1");
    }

    @Test
    void refusal_isLoggedWithThePeerAddress() throws IOException {
        int port;
        try (Peer stranger = new Peer()) {
            port = stranger.localPort();
            stranger.send(oneFact());
            stranger.refusal();
        }

        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("expected hello first, got facts")
                .contains("remote=/127.0.0.1:" + port));
    }

    @Test
    void framesAfterARefusal_areNotRead() throws IOException {
        try (Peer agent = new Peer()) {
            // three frames in one write: the first is refused, the rest must not count or be heard
            agent.send(oneFact());
            agent.send(hello("n"));
            agent.send(oneFact());

            assertThat(agent.refusal()).isEqualTo("frame 1 - expected hello first, got facts");
        }
        assertRefusedAndUnheard(1);
    }

    private void assertRefusedAndUnheard(long refusals) {
        waitFor(() -> gateway.refusals() >= refusals);
        assertThat(gateway.refusals()).isEqualTo(refusals);
        assertThat(heard).isEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10s").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
