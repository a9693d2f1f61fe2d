package io.respawn.agent.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.ProcessState;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableServerTest {
    private static final Instant AGENT_START = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T10:05:12.345Z");

    @Test
    void eachConnection_getsTheWholeTableAsOneJsonLine() throws IOException {
        // given a table of a running component and one that never ran
        List<ProcessEntry> rows = List.of(
                new ProcessEntry(ComponentId.of("eheap"), "node1", GroupId.of("infra"), List.of("sleep", "86400"),
                        ProcessState.RUNNING, 4211, Optional.of(Instant.parse("2026-11-27T10:04:58.120Z")),
                        Optional.of(Instant.parse("2026-11-27T10:04:58.118Z")), Optional.of("d-1"),
                        Optional.of("signal 9"), 2),
                new ProcessEntry(ComponentId.of("ghost"), "node1", GroupId.of("infra"), List.of("nope"),
                        ProcessState.START_FAILED, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), 0));
        try (TableServer server = TableServer.open(new InetSocketAddress("127.0.0.1", 0), "node1", AGENT_START,
                () -> rows, InstantSource.fixed(NOW))) {
            // when two clients connect, one after the other
            String first = read(server.address());
            String second = read(server.address());

            // then each gets the same document, in the documented format
            assertThat(second).isEqualTo(first);
            assertThat(first).isEqualTo("{\"format\":\"respawn-process-table\",\"version\":1,\"node\":\"node1\","
                    + "\"agentPid\":" + ProcessHandle.current().pid() + ","
                    + "\"agentStartedAt\":\"2026-11-27T10:00:00.000Z\",\"at\":\"2026-11-27T10:05:12.345Z\","
                    + "\"components\":["
                    + "{\"component\":\"eheap\",\"group\":\"infra\",\"node\":\"node1\",\"command\":[\"sleep\",\"86400\"],"
                    + "\"state\":\"RUNNING\",\"pid\":4211,\"processStartedAt\":\"2026-11-27T10:04:58.120Z\","
                    + "\"startedAt\":\"2026-11-27T10:04:58.118Z\",\"restartId\":\"d-1\",\"lastExit\":\"signal 9\","
                    + "\"starts\":2},"
                    + "{\"component\":\"ghost\",\"group\":\"infra\",\"node\":\"node1\",\"command\":[\"nope\"],"
                    + "\"state\":\"START_FAILED\",\"pid\":null,\"processStartedAt\":null,\"startedAt\":null,"
                    + "\"restartId\":null,\"lastExit\":null,\"starts\":0}]}\n");
        }
    }

    private static String read(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            socket.setSoTimeout(5_000);
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
