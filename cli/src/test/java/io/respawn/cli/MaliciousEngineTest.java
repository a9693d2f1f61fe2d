package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.AgentSettings;
import io.respawn.agent.RunningAgent;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.ProcessEntry;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.Auth;
import io.respawn.wire.Challenge;
import io.respawn.wire.Command;
import io.respawn.wire.Frame;
import io.respawn.wire.FrameCodec;
import io.respawn.wire.Hello;
import io.respawn.wire.Welcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that has been taken over tries to make the agent run something it does not declare. */
class MaliciousEngineTest {
    private static final byte[] SECRET = "the shared secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private ServerSocket server;
    private RunningAgent agent;

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.close();
        }
        server.close();
    }

    private static void send(DataOutputStream out, byte[] json) throws IOException {
        out.writeInt(json.length);
        out.write(json);
        out.flush();
    }

    private static Frame receive(DataInputStream in) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return FrameCodec.decode(json);
    }

    @Test
    void commandsForUndeclaredThingsOrWithACommandLine_areRefused() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Path map = Files.writeString(dir.resolve("map.yaml"), """
                version: 1
                defaults: {node: n1}
                root:
                  group: root
                  children:
                    - component: worker
                      command: [sleep, "3600"]
                """);
        AgentSettings settings = AgentSettings.defaults().withLogDir(dir.resolve("logs"))
                .withAnyLoopbackPorts();
        agent = RunningAgent.start(RestartMap.load(map), "n1", settings,
                new EngineLink.Settings((InetSocketAddress) server.getLocalSocketAddress(), "n1", SECRET, 100));

        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            Hello hello = (Hello) receive(in);
            send(out, FrameCodec.encode(new Challenge("0123456789abcdef")));
            Auth auth = (Auth) receive(in);
            assertThat(auth.mac()).isEqualTo(FrameCodec.mac(SECRET, hello, "0123456789abcdef"));
            send(out, FrameCodec.encode(new Welcome(0)));
            Eventually.within(WAIT, "link ready", agent.link()::isReady);
            List<ProcessEntry> before = agent.node().processTable();

            // a command line smuggled into a command: not a field of any frame
            send(out, """
                    {"kind":"command","decision":"d-1","action":"RESTART_GROUP","target":"root","mode":"GRACEFUL",\
                    "command":["sh","-c","touch /tmp/owned"]}""".getBytes(StandardCharsets.UTF_8));
            // a group this node does not run, and a name that is no name at all
            send(out, FrameCodec.encode(new Command("d-2", Command.Action.RESTART_GROUP, "evil", null)));
            send(out, FrameCodec.encode(new Command("d-3", Command.Action.RESTART_COMPONENT, "../../bin/sh", null)));

            Eventually.within(WAIT, "three refusals", () -> agent.link().refusedCommands() == 3);
            assertThat(agent.node().processTable()).extracting(ProcessEntry::pid)
                    .containsExactlyElementsOf(before.stream().map(ProcessEntry::pid).toList());
            assertThat(agent.node().processTable()).extracting(ProcessEntry::starts).containsOnly(1);
        }
    }
}
