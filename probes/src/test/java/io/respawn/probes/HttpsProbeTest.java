package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.InstantSource;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTPS goes through the JDK's client, which checks the server's certificate. */
class HttpsProbeTest {
    private static final ComponentId DASHBOARD = ComponentId.of("dashboard");
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static KeyStore keys;

    private HttpsServer server;

    /**
     * A self-signed certificate for 127.0.0.1, valid for a hundred years, made with
     * {@code keytool -genkeypair -alias server -keyalg EC -dname CN=127.0.0.1 -ext san=ip:127.0.0.1
     * -validity 36500 -storetype PKCS12 -keystore server.p12 -storepass changeit}.
     */
    @BeforeAll
    static void loadCertificate() throws Exception {
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = HttpsProbeTest.class.getResourceAsStream("/tls/server.p12")) {
            keys.load(in, PASSWORD);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/health", HttpTestServer.answer(200, "up"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void certificateTheProbeTrusts_passes() throws Exception {
        // given a runner that trusts the server's certificate
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        try (ProbeRunner runner = new ProbeRunner(1, InstantSource.system(), clientTls)) {
            // when it probes over HTTPS, then
            ProbeReport report = runner.run(DASHBOARD, Specs.http(url(), 200, "^up$", Specs.timeout(9000)));

            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
        }
    }

    @Test
    void certificateTheProbeDoesNotTrust_isAnErrorNotAFailure() {
        // given a runner with the JVM's trust store, which does not know the self-signed certificate
        try (ProbeRunner runner = new ProbeRunner(1, InstantSource.system())) {
            // when it probes over HTTPS
            ProbeReport report = runner.run(DASHBOARD, Specs.http(url(), 200, null, Specs.timeout(9000)));

            // then the probe could not run: a restart does not mend a certificate
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.ERROR);
            assertThat(report.detail()).startsWith("GET " + url() + " - TLS handshake failed: ");
        }
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }
}
