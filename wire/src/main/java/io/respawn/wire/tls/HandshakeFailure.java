package io.respawn.wire.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says in plain words why a TLS handshake failed, from one end's point of view: the JDK's
 * exceptions ("PKIX path building failed: ... unable to find valid certification path to
 * requested target") become "the engine's certificate is not signed by the CA in ca.crt".
 * A failure it cannot place is given as the JDK says it.
 */
final class HandshakeFailure {
    /** The end of the link a failure is worded for. */
    enum Side {
        ENGINE("engine", "agent", "--tls-ca"),
        AGENT("agent", "engine", "--tls-cert");

        private final String self;
        private final String peer;
        /** The option the peer was started without when it speaks no TLS. */
        private final String peerTlsOption;

        Side(String self, String peer, String peerTlsOption) {
            this.self = self;
            this.peer = peer;
            this.peerTlsOption = peerTlsOption;
        }
    }

    private final Side side;
    /** The CA file this end checks the peer's certificate with (null if it checks none). */
    private final Path trusted;
    /** This end's own certificate file (null if it has none to present). */
    private final Path certificate;

    HandshakeFailure(Side side, Path trusted, Path certificate) {
        this.side = side;
        this.trusted = trusted;
        this.certificate = certificate;
    }

    /** Why the handshake failed; {@code host} is the host or IP the peer was dialed at or came from. */
    String explain(Throwable failure, String host) {
        List<Throwable> chain = chain(failure);
        String messages = String.join(" | ", chain.stream().map(t -> String.valueOf(t.getMessage())).toList());
        String lower = messages.toLowerCase(Locale.ROOT);
        String peer = "the " + side.peer;
        if (has(chain, NotSslRecordException.class)) {
            return peer + " does not speak TLS (is it started without " + side.peerTlsOption + "?)";
        }
        if (has(chain, CertificateExpiredException.class) || has(chain, CertificateNotYetValidException.class)) {
            return peer + "'s certificate is outside its validity period (" + root(chain).getMessage() + ")";
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return peer + "'s certificate is not issued for " + host + " (" + root(chain).getMessage() + ")";
        }
        if (has(chain, CertPathBuilderException.class) || lower.contains("unable to find valid certification path")) {
            return peer + "'s certificate is not signed by the CA in " + trusted;
        }
        if (lower.contains("empty client certificate chain")) {
            // a JDK agent presents no certificate rather than one of a CA the engine did not name
            return peer + " presented no certificate signed by the CA in " + trusted + " (--tls-client-ca)";
        }
        String alert = alert(lower);
        if (alert != null) {
            return alerted(alert);
        }
        if (has(chain, SslHandshakeTimeoutException.class)) {
            return "no TLS handshake within the time allowed (" + root(chain).getMessage() + ")";
        }
        if (has(chain, ClosedChannelException.class) || lower.contains("connection closed")) {
            return peer + " closed the connection during the TLS handshake";
        }
        Throwable root = root(chain);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The peer ended the handshake with a TLS alert: what that alert means here. */
    private String alerted(String alert) {
        String peer = "the " + side.peer;
        boolean aboutCertificates = alert.contains("certificate") || alert.equals("unknown_ca");
        if (certificate == null && aboutCertificates) {
            return peer + " requires a client certificate (its --tls-client-ca): give this agent --tls-cert and"
                    + " --tls-key";
        }
        return switch (alert) {
            case "bad_certificate", "certificate_unknown", "unknown_ca", "unsupported_certificate",
                    "certificate_expired", "certificate_revoked", "certificate_required" ->
                    peer + " does not accept this " + side.self + "'s certificate (alert " + alert + ")"
                            + (side == Side.AGENT
                            ? ": is it signed by the CA the engine's --tls-client-ca names?"
                            : ": does the agent's --tls-ca name the CA that signed it, and does it name the"
                            + " address the agent dials?");
            case "protocol_version", "handshake_failure", "insufficient_security" -> peer + " and this "
                    + side.self + " have no TLS version or cipher suite in common (alert " + alert + ")";
            default -> peer + " ended the TLS handshake (alert " + alert + ")";
        };
    }

    /** The alert named in "Received fatal alert: certificate_required", or null. */
    private static String alert(String lower) {
        String marker = "received fatal alert: ";
        int at = lower.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = start;
        while (end < lower.length() && (Character.isLetter(lower.charAt(end)) || lower.charAt(end) == '_')) {
            end++;
        }
        return lower.substring(start, end);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static Throwable root(List<Throwable> chain) {
        return chain.get(chain.size() - 1);
    }
}
