package io.respawn.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A service or application that works through the event heap: every {@code period} it
 * puts a tuple and reads it back. After three failed round trips in a row it gives up
 * and exits with code 3 — so a restart of the event heap that it does not survive shows
 * up as its failure shortly after, which is what dependency inference looks for.
 * Usage: {@code HeapClient NAME EHEAP_PORT PERIOD_MS}.
 */
public final class HeapClient {
    private static final int GIVE_UP_AFTER = 3;

    public static void main(String[] args) throws InterruptedException {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        long periodMs = Long.parseLong(args[2]);
        Beat.start(Duration.ofMillis(200));
        Burn.watch();
        Beat.log(name + " working through the event heap on port " + port);
        int failures = 0;
        long n = 0;
        while (true) {
            Thread.sleep(periodMs);
            String key = name + "-" + (n++);
            if (roundTrip(port, key)) {
                failures = 0;
            } else if (++failures >= GIVE_UP_AFTER) {
                Beat.log(name + " lost the event heap " + failures + " times in a row; exiting");
                System.exit(3);
            }
        }
    }

    private static boolean roundTrip(int port, String key) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(500);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.println("put " + key + " v");
            if (!"ok".equals(in.readLine())) {
                return false;
            }
            out.println("get " + key);
            return "v".equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }
}
