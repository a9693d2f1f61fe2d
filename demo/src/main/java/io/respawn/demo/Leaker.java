package io.respawn.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service with a real memory leak: it keeps {@code MB_PER_SECOND} more megabytes
 * every second (touched, so they are resident) until respawn's RSS rule restarts it.
 * Usage: {@code Leaker MB_PER_SECOND}.
 */
public final class Leaker {
    public static void main(String[] args) throws InterruptedException {
        int mbPerSecond = Integer.parseInt(args[0]);
        Beat.start(Duration.ofMillis(200));
        Burn.watch();
        List<byte[]> kept = new ArrayList<>();
        Beat.log("leaking " + mbPerSecond + " MB/s");
        while (true) {
            for (int i = 0; i < mbPerSecond; i++) {
                byte[] block = new byte[1 << 20];
                for (int b = 0; b < block.length; b += 4096) {
                    block[b] = 1;
                }
                kept.add(block);
            }
            Thread.sleep(1000);
        }
    }
}
