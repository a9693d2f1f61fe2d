package io.respawn.cli.demo;

import io.respawn.agent.AgentSettings;
import io.respawn.agent.RunningAgent;
import io.respawn.agent.link.EngineLink;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.console.Console;
import io.respawn.engine.console.Token;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.status.StatusBoard;
import io.respawn.wire.HostPort;
import io.respawn.facts.GiveUp;
import io.respawn.facts.map.Durations;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code respawn demo}: engine and agent on loopback, supervising an iRoom-shaped set of small real programs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The live demo: an engine and an agent in this process, on loopback, supervising small real",
            "programs shaped like the iRoom (an event heap others work through, a service that leaks memory, one",
            "that hangs now and then), while a fault injector kills and hangs them at random. Shows components,",
            "faults and decisions live. Runs until Ctrl-C (or --for), then leaves no process behind."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long (e.g. 90s).")
    String duration;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "respawn-demo",
            description = "Where the map, journal and component logs go (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault injector (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--faults-every", paramLabel = "MIN-MAX", defaultValue = "10-20",
            description = "Seconds between injected faults (default ${DEFAULT-VALUE}).")
    String faultsEvery;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7461",
            description = "Where the dashboard listens (default ${DEFAULT-VALUE}; port 0 picks a free one).")
    String http;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        Path map = dir.resolve("iroom-demo.yaml");
        Path faults = Files.createDirectories(dir.resolve("faults"));
        Files.writeString(map, DemoMap.yaml(freePort(), faults), StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("journal.jsonl"));
        byte[] secret = randomSecret();
        boolean terminal = System.console() != null;
        if (terminal) {
            LogFile.divert(dir.resolve("respawn.log"));
        }
        DemoView view = new DemoView(System.out, terminal);
        StatusBoard board = StatusBoard.live();
        Token token = Token.of(new String(randomSecret(), StandardCharsets.UTF_8));
        try (EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"),
                RuleBase.defaults(), map, new InetSocketAddress("127.0.0.1", 0), secret, Duration.ofSeconds(1)), board);
             Console console = Console.start(new Console.Settings(HostPort.parse(http), token), board, engine)) {
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "respawn-demo");
                t.setDaemon(true);
                return t;
            });
            engine.addListener(decision -> {
                view.decided(decision);
                if (decision instanceof GiveUp g) {
                    view.event("OPERATOR acknowledges the give-up at " + g.group() + " in 15s (the demo plays the operator)");
                    background.schedule(() -> engine.acknowledge(g.group(), "demo operator"), 15, TimeUnit.SECONDS);
                }
            });
            AgentSettings settings = AgentSettings.defaults().withLogDir(dir.resolve("logs"))
                    .withAnyLoopbackPorts();
            try (RunningAgent agent = RunningAgent.start(RestartMap.load(map), DemoMap.NODE, settings,
                    new EngineLink.Settings(engine.address(), DemoMap.NODE, secret, 10_000))) {
                String[] range = faultsEvery.split("-");
                FaultInjector injector = new FaultInjector(agent.node()::processTable, faults, view::event, seed,
                        Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]));
                Thread injecting = new Thread(injector, "respawn-demo-faults");
                injecting.setDaemon(true);
                injecting.start();
                String header = "respawn demo - engine " + engine.address() + ", journal " + dir.resolve("journal.jsonl")
                        + ", component logs " + dir.resolve("logs") + "\ndashboard " + console.dashboardUrl(token);
                background.scheduleAtFixedRate(() -> view.draw(agent.node().processTable(), header), 0, 1,
                        TimeUnit.SECONDS);
                view.event("dashboard " + console.dashboardUrl(token));
                view.event("started: " + agent.node().processTable().size() + " components; crashes, hangs and overloads every "
                        + faultsEvery + " s");
                waitUntilStopped();
                injector.stop();
                injecting.interrupt();
                background.shutdownNow();
                view.event("stopping every component");
            }
        }
        System.out.println("demo stopped; journal and logs are in " + dir + " (replay: ./respawn replay "
                + dir.resolve("journal.jsonl") + ")");
        cleanedUp.countDown();
        return 0;
    }

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    /** Until Ctrl-C (or --for); on Ctrl-C the JVM waits for the clean-up before it exits. */
    private void waitUntilStopped() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "respawn-demo-stop"));
        if (duration == null) {
            stop.await();
        } else {
            stop.await(Durations.parse(duration).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.UTF_8);
    }
}
