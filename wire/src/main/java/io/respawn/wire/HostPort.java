package io.respawn.wire;

import java.net.InetSocketAddress;

/** Addresses as the command line writes them: {@code HOST:PORT}. */
public final class HostPort {
    private HostPort() {
    }

    /** {@code HOST:PORT} as an address; the message shows the form when it is not one. */
    public static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("address - write HOST:PORT, e.g. 127.0.0.1:7460: \"" + hostPort + "\"");
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address - the port is not a number: \"" + hostPort + "\"", e);
        }
    }

    /** {@code address} as the command line writes it ({@code 127.0.0.1:7460}), for messages. */
    public static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
