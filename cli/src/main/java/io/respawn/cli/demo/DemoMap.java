package io.respawn.cli.demo;

import io.respawn.demo.EventHeap;
import io.respawn.heartbeat.HeartbeatClient;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The demo's restart map: an iRoom-shaped tree of the programs in {@code io.respawn.demo},
 * each run by this machine's {@code java}.
 *
 * <pre>
 * iroom
 * ├── infrastructure   eheap (event heap, round-trip probe)
 * ├── services         dheap, icrafter   (work through eheap)
 * └── apps             smartboard (works through eheap), leaky (leaks memory), hangy (hangs now and then)
 * </pre>
 *
 * The apps have a CPU limit (80 % for 5 s); the fault injector overloads them through
 * a trigger file in {@code faults}.
 */
final class DemoMap {
    static final String NODE = "demo";

    private DemoMap() {
    }

    /** The components the fault injector may overload (they have a CPU limit). */
    static final java.util.Set<String> OVERLOADABLE = java.util.Set.of("smartboard", "leaky", "hangy");

    static String yaml(int eheapPort, Path faults) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = jarOf(EventHeap.class) + ":" + jarOf(HeartbeatClient.class);
        String run = "[" + q(java) + ", -Xmx256m, -XX:+UseSerialGC, -XX:TieredStopAtLevel=1, -cp, " + q(cp) + ", ";
        return """
                # The live demo's restart map (written by respawn demo).
                version: 1
                defaults:
                  node: %1$s
                  stopGrace: 1s
                  startupGrace: 5s
                  heartbeat: {interval: 200ms, timeout: 1s}
                  cureWindow: 3s
                  intensity: {restarts: 3, period: 60s}
                dependencyInference: {window: 5s, occurrences: 2}
                root:
                  group: iroom
                  cureWindow: 5s
                  intensity: {restarts: 3, period: 120s}
                  children:
                    - group: infrastructure
                      children:
                        - component: eheap
                          command: %2$sio.respawn.demo.EventHeap, "%3$d"]
                          probes:
                            - name: tuple-round-trip
                              roundTrip:
                                write: {sendExpect: {host: 127.0.0.1, port: %3$d, send: "put {token} here", expect: "ok"}}
                                readBack: {sendExpect: {host: 127.0.0.1, port: %3$d, send: "get {token}", expect: "here"}}
                              interval: 1s
                              timeout: 500ms
                              initialDelay: 2s
                    - group: services
                      children:
                        - component: dheap
                          command: %2$sio.respawn.demo.HeapClient, dheap, "%3$d", "300"]
                          after: [eheap]
                        - component: icrafter
                          command: %2$sio.respawn.demo.HeapClient, icrafter, "%3$d", "500"]
                          after: [eheap]
                    - group: apps
                      defaults:
                        limits: {cpu: 80%%, cpuFor: 5s}
                      children:
                        - component: smartboard
                          command: %2$sio.respawn.demo.HeapClient, smartboard, "%3$d", "400"]
                          env: {RESPAWN_DEMO_FAULTS: %4$s}
                        - component: leaky
                          command: %2$sio.respawn.demo.Leaker, "3"]
                          env: {RESPAWN_DEMO_FAULTS: %4$s}
                          limits: {rss: 200MiB, rssSamples: 3}
                        - component: hangy
                          command: %2$sio.respawn.demo.Hanger, "45"]
                          env: {RESPAWN_DEMO_FAULTS: %4$s}
                """.formatted(NODE, run, eheapPort, q(faults.toAbsolutePath().toString()));
    }

    private static String q(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the jar of " + type.getName(), e);
        }
    }
}
