package io.respawn.wire.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.respawn.wire.tls.HandshakeFailure.Side;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * TLS for one end of the agent-engine link, or {@link #OFF}. Built from the files the
 * command-line options name ({@code --tls-cert}, {@code --tls-key}, {@code --tls-client-ca}
 * on the engine; {@code --tls-ca}, {@code --tls-cert}, {@code --tls-key} on an agent), all
 * read and checked here, so that a missing, unreadable or invalid file stops the command
 * before it starts, with a message naming the file.
 */
public final class LinkTls {
    /** Plain TCP: the shared secret's handshake only. */
    public static final LinkTls OFF = new LinkTls(null, null, null);

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext context;
    private final Side side;
    private final HandshakeFailure failure;

    private LinkTls(SslContext context, Side side, HandshakeFailure failure) {
        this.context = context;
        this.side = side;
        this.failure = failure;
    }

    /**
     * The engine's TLS: its certificate chain and key (PEM; the key unencrypted PKCS#8), and,
     * when {@code clientCa} is given, agents must present a certificate that CA signed.
     * Each argument is null when its option is not given; none given is {@link #OFF}.
     */
    public static LinkTls engine(Path cert, Path key, Path clientCa) {
        if (cert == null && key == null && clientCa == null) {
            return OFF;
        }
        if (cert == null && key == null) {
            throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key: the engine's own"
                    + " certificate and key");
        }
        requirePair(cert, key);
        List<X509Certificate> chain = PemFiles.certificates(cert);
        PrivateKey privateKey = PemFiles.privateKey(key);
        PemFiles.checkPair(key, privateKey, cert, chain.get(0));
        SslContextBuilder builder = SslContextBuilder.forServer(privateKey, chain).sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        if (clientCa != null) {
            builder.trustManager(PemFiles.certificates(clientCa)).clientAuth(ClientAuth.REQUIRE);
        }
        return new LinkTls(build(builder, "engine"), Side.ENGINE, new HandshakeFailure(Side.ENGINE, clientCa, cert));
    }

    /**
     * An agent's TLS: it trusts the engine's certificate if {@code ca} signed it and it names
     * the host or IP address the agent dials; {@code cert} and {@code key} (both, or neither)
     * are the agent's own, for an engine that requires them. Each argument is null when its
     * option is not given; none given is {@link #OFF}.
     */
    public static LinkTls agent(Path ca, Path cert, Path key) {
        if (ca == null && cert == null && key == null) {
            return OFF;
        }
        if (ca == null) {
            throw new IllegalArgumentException("--tls-cert and --tls-key need --tls-ca: the CA that signed the"
                    + " engine's certificate");
        }
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                .trustManager(PemFiles.certificates(ca)).endpointIdentificationAlgorithm("HTTPS");
        if (cert != null || key != null) {
            requirePair(cert, key);
            List<X509Certificate> chain = PemFiles.certificates(cert);
            PrivateKey privateKey = PemFiles.privateKey(key);
            PemFiles.checkPair(key, privateKey, cert, chain.get(0));
            builder.keyManager(privateKey, chain);
        }
        return new LinkTls(build(builder, "agent"), Side.AGENT, new HandshakeFailure(Side.AGENT, ca, cert));
    }

    public boolean isOn() {
        return context != null;
    }

    /**
     * Puts TLS first in {@code channel}'s pipeline (nothing, if off). {@code peer} is the
     * engine's address as the agent dials it (its host or IP is what the engine's certificate
     * must name), or the agent's address on the engine; {@code failed} hears why a handshake
     * failed, in plain words, once per connection.
     */
    public void install(Channel channel, InetSocketAddress peer, Consumer<String> failed) {
        if (!isOn()) {
            return;
        }
        String host = peer.getHostString();
        channel.pipeline().addFirst("tls-watch", new TlsWatch(
                cause -> failed.accept(failure.explain(cause, host))));
        channel.pipeline().addFirst("tls", side == Side.AGENT
                ? context.newHandler(channel.alloc(), host, peer.getPort())
                : context.newHandler(channel.alloc()));
    }

    private static void requirePair(Path cert, Path key) {
        if (cert == null) {
            throw new IllegalArgumentException("--tls-key is given without --tls-cert: give both, or neither");
        }
        if (key == null) {
            throw new IllegalArgumentException("--tls-cert is given without --tls-key: give both, or neither");
        }
    }

    private static SslContext build(SslContextBuilder builder, String end) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(end + " TLS - cannot be set up: " + e.getMessage(), e);
        }
    }
}
