package io.respawn.probes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * A host and port a probe connects to, and what a failure to connect says about the
 * component.
 *
 * <p>The line between FAIL and ERROR: a connection refused (nothing listens on the port)
 * or a connection attempt that is not answered in time is evidence that the component is
 * not serving, so FAIL. A host name that does not resolve, no route to the host, an
 * unreachable network, or no local socket to be had is a problem of the probe's own
 * configuration or surroundings, which restarting the component cannot cure, so ERROR.
 */
record Endpoint(String host, int port) {

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The address to connect to; blocks while a host name is looked up. */
    InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** What a failed connection attempt to this endpoint means. */
    Outcome connectFailed(IOException failure) {
        if (failure instanceof NoRouteToHostException) {
            return Outcome.error("no route to host " + this + ": " + failure.getMessage());
        }
        if (failure instanceof ConnectException) {
            String message = String.valueOf(failure.getMessage());
            return message.toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? Outcome.fail("connection refused by " + this)
                    : Outcome.fail("cannot connect to " + this + ": " + message);
        }
        return Outcome.error("cannot connect to " + this + ": " + describe(failure));
    }

    Outcome unknownHost() {
        return Outcome.error("unknown host \"" + host + "\"");
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
