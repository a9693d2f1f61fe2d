package io.respawn.cli;

import io.respawn.engine.notify.GiveUpNotifier;
import io.respawn.engine.service.EngineService;
import io.respawn.wire.HostPort;
import io.respawn.wire.SharedSecret;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code respawn engine}: the central service. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = {"Runs the engine: listens for agents, journals every fact, runs the rules, and sends",
            "restart commands to the agents. Stops on SIGTERM or Ctrl-C; restarting it on the same",
            "journal recovers where it stopped."})
final class EngineCommand implements Callable<Integer> {
    @Mixin
    RuleOptions options;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "respawn-data/journal.jsonl",
            description = "The journal (fact log) to append to and recover from (default ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7460",
            description = "Where agents connect (default ${DEFAULT-VALUE}: loopback only).")
    String listen;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the shared secret (default: the RESPAWN_SECRET environment variable).")
    Path secretFile;

    @Option(names = "--idle-tick", paramLabel = "DURATION", defaultValue = "1s",
            description = "Journal a tick after this long without facts (default ${DEFAULT-VALUE}).")
    String idleTick;

    @Option(names = "--notify-command", paramLabel = "CMD",
            description = {"When respawn gives up, run CMD with /bin/sh -c: the dossier (JSON) on its standard input,",
                "RESPAWN_GROUP, RESPAWN_COMPONENT, RESPAWN_REASON, RESPAWN_DECISION, RESPAWN_RULE in its environment."})
    String notifyCommand;

    @Option(names = "--notify-webhook", paramLabel = "URL",
            description = "When respawn gives up, POST the dossier (JSON) to URL.")
    java.net.URI notifyWebhook;

    @Option(names = "--notify-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a notify command may run or a webhook take to answer (default ${DEFAULT-VALUE}).")
    String notifyTimeout;

    @Override
    public Integer call() throws InterruptedException {
        EngineService engine = EngineService.start(new EngineService.Settings(journal, options.ruleBase(),
                options.map, HostPort.parse(listen), SharedSecret.read(secretFile),
                io.respawn.facts.map.Durations.parse(idleTick)));
        System.out.printf("respawn engine listening on %s, journal %s%n", engine.address(), journal);
        GiveUpNotifier notifier = notifier();
        if (notifier != null) {
            engine.notifyGiveUps(notifier);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            if (notifier != null) {
                notifier.close();
            }
            stopped.countDown();
        }, "respawn-engine-stop"));
        stopped.await();
        return 0;
    }

    private GiveUpNotifier notifier() {
        GiveUpNotifier.Settings settings = new GiveUpNotifier.Settings(java.util.Optional.ofNullable(notifyCommand),
                java.util.Optional.ofNullable(notifyWebhook), io.respawn.facts.map.Durations.parse(notifyTimeout));
        return settings.any() ? new GiveUpNotifier(settings) : null;
    }

}
