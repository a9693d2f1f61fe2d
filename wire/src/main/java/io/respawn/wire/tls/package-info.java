/**
 * TLS on the agent-engine link, optional: the engine's certificate and key, the CA agents
 * trust it by, and for mutual TLS the agents' certificates and the CA the engine trusts
 * them by. The HMAC handshake on the shared secret runs inside the TLS connection,
 * unchanged.
 *
 * <p>{@link io.respawn.wire.tls.LinkTls} is the entry point: built from the PEM files the
 * command line names (an unreadable or invalid file is refused at start-up, naming it), it
 * puts an {@code SslHandler} first in a connection's pipeline and reports a failed
 * handshake in plain words ("the engine's certificate is not signed by the CA in ca.crt").
 * Netty's JDK provider, TLS 1.3 and 1.2 only; an agent checks the engine's certificate
 * against the host or IP address it dials (endpoint identification "HTTPS").
 */
package io.respawn.wire.tls;
