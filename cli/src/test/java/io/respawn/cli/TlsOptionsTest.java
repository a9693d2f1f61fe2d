package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.wire.tls.LinkTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS options as an operator may get them wrong: each file that will not do stops the
 * command before it starts, with a message naming the file and what is wrong with it.
 */
@Timeout(60) // a check that failed to refuse would leave the engine or agent running
class TlsOptionsTest {
    private static Certificates certs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        certs = Certificates.in(dir);
        certs.openssl("pkcs8", "-topk8", "-in", "engine.key", "-passout", "pass:a password", "-out", "encrypted.key");
        certs.openssl("rsa", "-in", "engine.key", "-traditional", "-out", "traditional.key");
        Files.writeString(dir.resolve("broken.crt"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
                + "-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("map.yaml"), """
                version: 1
                defaults: {node: n1}
                root:
                  group: root
                  children:
                    - component: db
                      command: [sleep, "86400"]
                """);
    }

    private static Path file(String name) {
        return certs.file(name);
    }

    private static void engineRefuses(Path cert, Path key, Path clientCa, String message) {
        assertThatThrownBy(() -> LinkTls.engine(cert, key, clientCa))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void goodFiles_turnTlsOn() {
        assertThat(LinkTls.engine(file("engine.crt"), file("engine.key"), file("ca.crt")).isOn()).isTrue();
        assertThat(LinkTls.agent(file("ca.crt"), file("agent.crt"), file("agent.key")).isOn()).isTrue();
        assertThat(LinkTls.engine(null, null, null).isOn()).isFalse();
        assertThat(LinkTls.agent(null, null, null).isOn()).isFalse();
    }

    @Test
    void missingCertificate_isNamed() {
        engineRefuses(file("missing.crt"), file("engine.key"), null, file("missing.crt") + " - no such file");
    }

    @Test
    void directoryForAFile_isNamed() {
        assertThatThrownBy(() -> LinkTls.engine(dir, file("engine.key"), null))
                .hasMessageStartingWith(dir + " - cannot read it: ");
    }

    @Test
    void keyGivenAsTheCertificate_isNamed() {
        engineRefuses(file("engine.key"), file("engine.key"), null, file("engine.key") + " - holds no PEM certificate"
                + " (a block that begins -----BEGIN CERTIFICATE-----); it holds a key");
    }

    @Test
    void certificateGivenAsTheKey_isNamed() {
        engineRefuses(file("engine.crt"), file("engine.crt"), null, file("engine.crt") + " - holds no PEM private"
                + " key (a block that begins -----BEGIN PRIVATE KEY-----); it holds a certificate");
    }

    @Test
    void brokenCertificate_isNamed() {
        assertThatThrownBy(() -> LinkTls.engine(file("broken.crt"), file("engine.key"), null))
                .hasMessageStartingWith(file("broken.crt") + " - certificate 1 is not a valid X.509 certificate: ");
    }

    @Test
    void encryptedKey_isNamedWithHowToDecryptIt() {
        engineRefuses(file("engine.crt"), file("encrypted.key"), null, file("encrypted.key") + " - the key is"
                + " encrypted; respawn reads an unencrypted key (openssl pkcs8 -topk8 -nocrypt -in "
                + file("encrypted.key") + " -out plain.key)");
    }

    @Test
    void traditionalRsaKey_isNamedWithHowToConvertIt() {
        engineRefuses(file("engine.crt"), file("traditional.key"), null, file("traditional.key") + " - the key is in"
                + " the older \"RSA PRIVATE KEY\" form; respawn reads PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in "
                + file("traditional.key") + " -out pkcs8.key)");
    }

    @Test
    void keyOfAnotherCertificate_isNamed() {
        // an RSA key of another certificate, and a key of another kind altogether
        engineRefuses(file("engine.crt"), file("ca.key"), null, file("ca.key") + " - the key does not belong"
                + " to the certificate in " + file("engine.crt") + " (CN=engine)");
        engineRefuses(file("engine.crt"), file("agent.key"), null, file("agent.key") + " - the key does not belong"
                + " to the certificate in " + file("engine.crt") + " (CN=engine)");
    }

    @Test
    void badClientCa_isNamed() {
        engineRefuses(file("engine.crt"), file("engine.key"), file("engine.key"), file("engine.key")
                + " - holds no PEM certificate (a block that begins -----BEGIN CERTIFICATE-----); it holds a key");
    }

    @Test
    void halfAPair_isRefused() {
        engineRefuses(file("engine.crt"), null, null, "--tls-cert is given without --tls-key: give both, or neither");
        engineRefuses(null, file("engine.key"), null, "--tls-key is given without --tls-cert: give both, or neither");
        engineRefuses(null, null, file("ca.crt"), "--tls-client-ca needs --tls-cert and --tls-key: the engine's own"
                + " certificate and key");
        assertThatThrownBy(() -> LinkTls.agent(file("ca.crt"), file("agent.crt"), null))
                .hasMessage("--tls-cert is given without --tls-key: give both, or neither");
        assertThatThrownBy(() -> LinkTls.agent(null, file("agent.crt"), file("agent.key")))
                .hasMessage("--tls-cert and --tls-key need --tls-ca: the CA that signed the engine's certificate");
    }

    @Test
    void engineCommand_withAMissingCertificate_refusesToStart() {
        CliRun run = CliRun.respawn("engine", "--map", file("map.yaml").toString(),
                "--journal", dir.resolve("journal.jsonl").toString(), "--http", "off",
                "--tls-cert", file("missing.crt").toString(), "--tls-key", file("engine.key").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("engine: " + file("missing.crt") + " - no such file");
        assertThat(dir.resolve("journal.jsonl")).doesNotExist();
    }

    @Test
    void agentCommand_withABadCa_refusesToStart() {
        CliRun run = CliRun.respawn("agent", "--map", file("map.yaml").toString(), "--node", "n1",
                "--state-dir", dir.resolve("state").toString(), "--tls-ca", file("engine.key").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("agent: " + file("engine.key") + " - holds no PEM certificate");
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
