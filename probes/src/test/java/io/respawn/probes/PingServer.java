package io.respawn.probes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A ping server run as a process of its own by tests: answers "pong" to "ping" on 127.0.0.1,
 * prints its port on the first line of its output, and exits when its standard input
 * closes (so it cannot outlive the test that started it).
 */
public final class PingServer {
    private PingServer() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        System.out.println(listener.getLocalPort());
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test holds our input open while it wants us
                }
            } catch (IOException e) {
                // the same as closed
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        while (true) {
            Socket connection = listener.accept();
            Thread serve = new Thread(() -> serve(connection));
            serve.setDaemon(true);
            serve.start();
        }
    }

    private static void serve(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line.equals("ping") ? "pong\n" : "what?\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
