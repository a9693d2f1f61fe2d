package io.respawn.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event heap: a tuple space on 127.0.0.1. One command per line: {@code put KEY VALUE}
 * answers {@code ok}; {@code get KEY} answers the value or {@code none}; {@code ping}
 * answers {@code pong}. Usage: {@code EventHeap PORT}.
 */
public final class EventHeap {
    private final Map<String, String> tuples = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Beat.start(Duration.ofMillis(200));
        new EventHeap().serve(port);
    }

    private void serve(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            server.setReuseAddress(true);
            Beat.log("event heap serving on 127.0.0.1:" + port);
            while (true) {
                Socket client = server.accept();
                Thread worker = new Thread(() -> answer(client), "eheap-client");
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    private void answer(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(reply(line.strip().split(" ", 3)));
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        }
    }

    private String reply(String[] words) {
        switch (words[0]) {
            case "ping":
                return "pong";
            case "put":
                if (words.length < 3) {
                    return "error: put KEY VALUE";
                }
                tuples.put(words[1], words[2]);
                return "ok";
            case "get":
                return words.length < 2 ? "error: get KEY" : tuples.getOrDefault(words[1], "none");
            default:
                return "error: unknown command " + words[0];
        }
    }
}
