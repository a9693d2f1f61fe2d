package io.respawn.demo;

import io.respawn.heartbeat.HeartbeatClient;
import java.time.Duration;
import java.util.Optional;

/** Starts heartbeats when the program runs under a respawn agent (its environment says so). */
final class Beat {
    private Beat() {
    }

    static Optional<HeartbeatClient> start(Duration interval) {
        if (System.getenv("RESPAWN_HEARTBEAT_PORT") == null) {
            return Optional.empty();
        }
        HeartbeatClient client = HeartbeatClient.fromEnvironment();
        client.startBeating(interval);
        return Optional.of(client);
    }

    static void log(String what) {
        System.out.println(java.time.LocalTime.now() + " " + what);
        System.out.flush();
    }
}
