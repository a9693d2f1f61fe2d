package io.respawn.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.respawn.wire.Auth;
import io.respawn.wire.Challenge;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.Hello;
import io.respawn.wire.Welcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The gateway's cap of connections per address (3 here) and its handshake deadline, over
 * real loopback sockets: every peer comes from 127.0.0.1.
 */
class ConnectionGuardTest {
    private static final byte[] SECRET = "the shared secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final int CAP = 3;
    private static final int READ_TIMEOUT_MS = 15_000;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Peer> peers = new ArrayList<>();
    private Gateway gateway;

    @BeforeEach
    void open() {
        gateway = Gateway.listen(new InetSocketAddress("127.0.0.1", 0), SECRET, new RecordingAgents(), CAP);
        log.start();
        ((Logger) LoggerFactory.getLogger(ConnectionGuard.class)).addAppender(log);
    }

    @AfterEach
    void close() throws IOException {
        ((Logger) LoggerFactory.getLogger(ConnectionGuard.class)).detachAppender(log);
        for (Peer peer : peers) {
            peer.close();
        }
        gateway.close();
    }

    /** A raw connection from loopback. */
    private final class Peer implements AutoCloseable {
        final Socket socket = new Socket();
        final DataOutputStream out;
        final DataInputStream in;

        Peer() throws IOException {
            socket.connect(gateway.address());
            socket.setSoTimeout(READ_TIMEOUT_MS);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
            peers.add(this);
        }

        void send(Frame frame) throws IOException {
            byte[] json = FrameCodec.encode(frame);
            out.writeInt(json.length);
            out.write(json);
            out.flush();
        }

        Frame receive() throws IOException {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return FrameCodec.decode(json);
        }

        /** Says hello and reads the challenge: the gateway serves this connection. */
        Challenge hello(String node) throws IOException {
            send(new Hello(FrameCodec.VERSION, node, "inc-1", "nonce"));
            return (Challenge) receive();
        }

        /** Completes the handshake: an agent. */
        void authenticate(String node) throws IOException {
            Hello hello = new Hello(FrameCodec.VERSION, node, "inc-1", "nonce");
            send(hello);
            Challenge challenge = (Challenge) receive();
            send(new Auth(FrameCodec.mac(SECRET, hello, challenge.nonce())));
            assertThat(receive()).isEqualTo(new Welcome(0));
        }

        /** True once the engine closed the connection: end of stream (or a reset) before any byte. */
        boolean closedByEngine() throws IOException {
            try {
                return in.read() == -1;
            } catch (EOFException | SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void onePastTheCap_isClosedWhileTheFirstStayServed() throws IOException {
        // given two agents and one connection still in its handshake: the cap, reached
        Peer first = new Peer();
        first.authenticate("n1");
        Peer second = new Peer();
        second.authenticate("n2");
        Peer third = new Peer();
        Challenge challenge = third.hello("n3");

        // when a fourth connects from the same address
        Peer fourth = new Peer();

        // then it is closed at once, counted, and the third can still finish its handshake
        assertThat(fourth.closedByEngine()).as("the connection over the cap is closed").isTrue();
        assertThat(gateway.closedOverCap()).isEqualTo(1);
        third.send(new Auth(FrameCodec.mac(SECRET, new Hello(FrameCodec.VERSION, "n3", "inc-1", "nonce"),
                challenge.nonce())));
        assertThat(third.receive()).isEqualTo(new Welcome(0));
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("address=127.0.0.1").contains("already has 3 connections");
        });
    }

    @Test
    void closingOne_freesASlot() throws IOException {
        // given the cap reached by connections in their handshake
        for (int i = 0; i < CAP; i++) {
            new Peer().hello("n" + i);
        }
        assertThat(new Peer().closedByEngine()).as("one over the cap").isTrue();

        // when one closes
        peers.get(0).close();

        // then a new connection is served again, once the gateway has seen the close
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Peer next = new Peer();
            try {
                next.hello("again");
                break;
            } catch (EOFException | SocketException closed) {
                assertThat(System.nanoTime()).as("a slot free within 10s of the close").isLessThan(deadline);
            }
        }
    }

    @Test
    void floodOfConnections_isClosedAndCountedWithOneLogLine() throws IOException {
        for (int i = 0; i < CAP; i++) {
            new Peer().hello("n" + i);
        }

        // when 20 more connect
        for (int i = 0; i < 20; i++) {
            assertThat(new Peer().closedByEngine()).isTrue();
        }

        // then every one is counted; the log says so once
        assertThat(gateway.closedOverCap()).isEqualTo(20);
        assertThat(log.list).hasSize(1);
    }

    @Test
    void handshakeTrickledByteByByte_isClosedAtTheDeadline() throws IOException, InterruptedException {
        // given a peer that sends a byte of a frame every 500ms: the read timeout alone never fires
        Peer slow = new Peer();
        long start = System.nanoTime();
        slow.out.writeInt(100);
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) {
            try {
                slow.out.write('{');
                slow.out.flush();
            } catch (SocketException reset) {
                closed = true;
            }
            slow.socket.setSoTimeout(500);
            try {
                closed = slow.in.read() == -1;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // open after 500ms more: write the next byte
            } catch (SocketException reset) {
                closed = true;
            }
        }

        // then it is closed after the 10s deadline, long before 40 bytes (about 20s) were sent
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(closed).as("closed by the engine").isTrue();
        assertThat(seconds).isBetween((long) Handshake.HANDSHAKE_SECONDS - 1, (long) Handshake.HANDSHAKE_SECONDS + 5);
        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("no handshake within 10s"));
    }
}
