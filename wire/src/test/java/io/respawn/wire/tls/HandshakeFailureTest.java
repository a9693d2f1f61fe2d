package io.respawn.wire.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.respawn.wire.tls.HandshakeFailure.Side;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The JDK's handshake errors put in plain words, from each end's point of view. The
 * failures a real handshake produces are in the cli's TlsLinkTest; these are the ones
 * that are hard to bring about there (an expired certificate, a timeout, an odd alert).
 */
class HandshakeFailureTest {
    private static final Path CA = Path.of("ca.crt");
    private static final HandshakeFailure AGENT = new HandshakeFailure(Side.AGENT, CA, null);
    private static final HandshakeFailure AGENT_WITH_CERTIFICATE = new HandshakeFailure(Side.AGENT, CA,
            Path.of("node1.crt"));
    private static final HandshakeFailure ENGINE = new HandshakeFailure(Side.ENGINE, null, Path.of("engine.crt"));

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void expiredCertificate_saysWhoseAndWhen() {
        Throwable failure = handshake("PKIX path validation failed", new CertificateExpiredException(
                "NotAfter: Sat Jan 02 00:00:00 UTC 2027"));

        assertThat(AGENT.explain(failure, "127.0.0.1")).isEqualTo("the engine's certificate is outside its validity"
                + " period (NotAfter: Sat Jan 02 00:00:00 UTC 2027)");
    }

    @Test
    void nameMismatch_namesTheAddressDialed() {
        Throwable failure = handshake("No subject alternative DNS name matching engine.example found.",
                new CertificateException("No subject alternative DNS name matching engine.example found."));

        assertThat(AGENT.explain(failure, "engine.example")).isEqualTo("the engine's certificate is not issued for"
                + " engine.example (No subject alternative DNS name matching engine.example found.)");
    }

    @Test
    void plaintextPeer_namesTheOptionItLacks() {
        Throwable failure = new DecoderException(new NotSslRecordException("not an SSL/TLS record: 0000002a7b"));

        assertThat(ENGINE.explain(failure, "10.0.0.7"))
                .isEqualTo("the agent does not speak TLS (is it started without --tls-ca?)");
        assertThat(AGENT.explain(failure, "10.0.0.5"))
                .isEqualTo("the engine does not speak TLS (is it started without --tls-cert?)");
    }

    @Test
    void certificateAlert_toAnAgentWithoutACertificate_asksForOne() {
        Throwable failure = new SSLHandshakeException("Received fatal alert: certificate_required");

        assertThat(AGENT.explain(failure, "127.0.0.1")).isEqualTo("the engine requires a client certificate (its"
                + " --tls-client-ca): give this agent --tls-cert and --tls-key");
        assertThat(AGENT_WITH_CERTIFICATE.explain(failure, "127.0.0.1")).isEqualTo("the engine does not accept"
                + " this agent's certificate (alert certificate_required): is it signed by the CA the engine's"
                + " --tls-client-ca names?");
    }

    @Test
    void protocolAlert_saysNothingIsInCommon() {
        Throwable failure = new SSLHandshakeException("Received fatal alert: protocol_version");

        assertThat(ENGINE.explain(failure, "10.0.0.7")).isEqualTo("the agent and this engine have no TLS version or"
                + " cipher suite in common (alert protocol_version)");
    }

    @Test
    void otherAlert_isNamed() {
        Throwable failure = new SSLException("Received fatal alert: internal_error");

        assertThat(ENGINE.explain(failure, "10.0.0.7")).isEqualTo("the agent ended the TLS handshake (alert"
                + " internal_error)");
    }

    @Test
    void timeout_isSaid() {
        Throwable failure = new SslHandshakeTimeoutException("handshake timed out after 10000ms");

        assertThat(ENGINE.explain(failure, "10.0.0.7"))
                .isEqualTo("no TLS handshake within the time allowed (handshake timed out after 10000ms)");
    }

    @Test
    void connectionClosedMidway_isSaid() {
        Throwable failure = handshake("Connection closed while SSL/TLS handshake was in progress",
                new ClosedChannelException());

        assertThat(AGENT.explain(failure, "127.0.0.1"))
                .isEqualTo("the engine closed the connection during the TLS handshake");
    }

    @Test
    void unknownFailure_isGivenAsTheJdkSaysIt() {
        Throwable failure = new SSLException("Unsupported or unrecognized SSL message");

        assertThat(AGENT.explain(failure, "127.0.0.1"))
                .isEqualTo("SSLException: Unsupported or unrecognized SSL message");
    }
}
