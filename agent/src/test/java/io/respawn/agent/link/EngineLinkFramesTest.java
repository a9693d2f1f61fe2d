package io.respawn.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.Eventually;
import io.respawn.wire.Auth;
import io.respawn.facts.Tick;
import io.respawn.wire.Challenge;
import io.respawn.wire.FactBatch;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.Hello;
import io.respawn.wire.SequencedFact;
import io.respawn.wire.Welcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broken or hostile engine sends the agent frames it cannot take; the link recovers by reconnecting. */
class EngineLinkFramesTest {
    private static final byte[] SECRET = "the shared secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int READ_TIMEOUT_MS = 15_000;

    private ServerSocket engine;
    private EngineLink link;

    @BeforeEach
    void open() throws IOException {
        engine = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        link = new EngineLink(new EngineLink.Settings((InetSocketAddress) engine.getLocalSocketAddress(), "n1",
                SECRET, 100), command -> Optional.empty());
        link.start();
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        engine.close();
    }

    private static Frame receive(DataInputStream in) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return FrameCodec.decode(json);
    }

    private static void send(DataOutputStream out, Frame frame) throws IOException {
        byte[] json = FrameCodec.encode(frame);
        out.writeInt(json.length);
        out.write(json);
        out.flush();
    }

    /** Accepts the link's next connection and welcomes it. */
    private Socket welcome() throws IOException {
        Socket socket = engine.accept();
        socket.setSoTimeout(READ_TIMEOUT_MS);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        Hello hello = (Hello) receive(in);
        send(out, new Challenge("0123456789abcdef"));
        assertThat(((Auth) receive(in)).mac()).isEqualTo(FrameCodec.mac(SECRET, hello, "0123456789abcdef"));
        send(out, new Welcome(0));
        return socket;
    }

    @Test
    void oversizedFrameFromTheEngine_closesTheConnectionAndTheLinkComesBack() throws IOException {
        try (Socket first = welcome()) {
            Eventually.await("link ready", WAIT, link::isReady);

            // a length of 64 MiB and nothing after it: the agent must not wait for it, nor read on past it
            new DataOutputStream(first.getOutputStream()).writeInt(64 << 20);
            first.getOutputStream().flush();

            assertThat(first.getInputStream().read()).as("the agent closes the connection").isEqualTo(-1);
        }
        assertThat(link.refusedCommands()).isEqualTo(1);

        try (Socket second = welcome()) {
            Eventually.await("link ready again", WAIT, link::isReady);
        }
    }

    @Test
    void factsSentTogether_goOutInFewFramesInSequenceOrder() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        try (Socket socket = welcome()) {
            Eventually.await("link ready", WAIT, link::isReady);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        link.send(new Tick("t" + sender + "-" + i, Instant.EPOCH));
                    }
                });
                thread.start();
                senders.add(thread);
            }
            go.countDown();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Long> seqs = new ArrayList<>();
            int frames = 0;
            while (seqs.size() < threads * perThread) {
                FactBatch batch = (FactBatch) receive(in);
                frames++;
                batch.facts().stream().map(SequencedFact::seq).forEach(seqs::add);
            }
            for (Thread thread : senders) {
                thread.join();
            }
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("fact %d", i).isEqualTo(i + 1L);
            }
            assertThat(frames).as("frames for %d facts", seqs.size()).isLessThan(seqs.size() / 2);
        }
    }
}
