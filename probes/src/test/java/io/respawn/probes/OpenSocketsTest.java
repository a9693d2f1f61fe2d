package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The leak check the socket tests rely on must see a socket that is left open. */
class OpenSocketsTest {

    @Test
    void connectionHeldOpen_isCountedUntilClosed() throws IOException {
        try (TcpServer server = TcpServer.start(TcpServer.Behaviour.SILENT)) {
            // given a client connection left open
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port());
            Await.until("the server accepted", Duration.ofSeconds(1), () -> server.open() == 1);

            // then it is counted, and once closed it is not
            assertThat(OpenSockets.to(server.port())).isEqualTo(1);
            client.close();
            assertThat(OpenSockets.to(server.port())).isZero();
        }
    }
}
