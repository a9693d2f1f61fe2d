package io.respawn.demo;

import io.respawn.heartbeat.HeartbeatClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service that hangs now and then: each second it hangs with probability 1/N — stops
 * beating and never does anything again — so only its heartbeat timeout catches it.
 * Usage: {@code Hanger N}.
 */
public final class Hanger {
    public static void main(String[] args) throws InterruptedException {
        int oneIn = Integer.parseInt(args[0]);
        Optional<HeartbeatClient> beat = Beat.start(Duration.ofMillis(200));
        Burn.watch();
        Beat.log("working; hangs about once in " + oneIn + " seconds");
        while (true) {
            Thread.sleep(1000);
            if (ThreadLocalRandom.current().nextInt(oneIn) == 0) {
                Beat.log("hanging");
                beat.ifPresent(HeartbeatClient::close);
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
