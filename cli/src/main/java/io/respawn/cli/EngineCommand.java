package io.respawn.cli;

import io.respawn.engine.console.Console;
import io.respawn.engine.console.Token;
import io.respawn.engine.journal.FsyncPolicy;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.JournalInUseException;
import io.respawn.engine.journal.Retention;
import io.respawn.engine.notify.GiveUpNotifier;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.service.Standby;
import io.respawn.engine.status.StatusBoard;
import io.respawn.wire.HostPort;
import io.respawn.wire.SharedSecret;
import io.respawn.wire.tls.LinkTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
            description = "The journal's live segment (fact log) to append to and recover from; sealed segments and"
                    + " the checkpoint lie beside it (default ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7460",
            description = "Where agents connect (default ${DEFAULT-VALUE}: loopback only).")
    String listen;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "8",
            description = "The most connections one IP address may have open at the agents' port, authenticated or"
                    + " not; one more is closed at once (default ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the shared secret (default: the RESPAWN_SECRET environment variable).")
    Path secretFile;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Speak TLS to agents with this certificate chain (PEM; default: plain TCP).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The key of --tls-cert (PEM, unencrypted PKCS#8, as openssl req -nodes writes it).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "Require agents to present a certificate signed by the CA in FILE (PEM): mutual TLS.")
    Path tlsClientCa;

    @Option(names = "--idle-tick", paramLabel = "DURATION", defaultValue = "1s",
            description = "Journal a tick after this long without facts (default ${DEFAULT-VALUE}).")
    String idleTick;

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "1s",
            description = "Before taking facts, rehearse failures on a private rule session this long, so the first"
                    + " real one is decided by compiled code; after the recovery of a journal with 4 MiB or more"
                    + " to recover, and then only if it fired the rules fewer than 300 times; 0s for none"
                    + " (default ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(names = "--standby",
            description = "If another engine holds --journal, stand by for it: rehearse its recovery (and failures,"
                    + " for --warm-up), wait until that engine stops or dies, then take over: recover and listen."
                    + " If none does, start at once. Two engines run so on one journal keep one running and one"
                    + " ready (docs/reliability.md#a-standby-engine).")
    boolean standby;

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

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7461",
            description = "Where the dashboard, the JSON API and /metrics listen (default ${DEFAULT-VALUE}: loopback"
                    + " only), or off.")
    String http;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "respawn-data/http-token",
            description = "The token HTTP actions need; created with a random token when missing (default"
                    + " ${DEFAULT-VALUE}; the RESPAWN_TOKEN environment variable wins when set).")
    Path tokenFile;

    @Option(names = "--fsync", paramLabel = "POLICY", defaultValue = "group",
            description = "When the journal is forced to disk: group (one fsync for every write queued meanwhile),"
                    + " always, interval:10ms, never (default ${DEFAULT-VALUE}; see docs/reliability.md).")
    String fsync;

    @Option(names = "--journal-segment-mib", paramLabel = "MIB", defaultValue = "64",
            description = "Seal the live journal segment and begin a new one at this size (default ${DEFAULT-VALUE}).")
    long segmentMib;

    @Option(names = "--journal-retain", paramLabel = "N|AGE|all", defaultValue = "16",
            description = "Sealed segments kept: a count (16), an age (7d, 12h) or all (default ${DEFAULT-VALUE}).")
    String retain;

    @Option(names = "--journal-archive", paramLabel = "DIR",
            description = "Move segments past the retention here instead of deleting them.")
    Path archive;

    @Option(names = "--checkpoint-every", paramLabel = "FACTS", defaultValue = "100000",
            description = "Write a recovery checkpoint every this many facts; 0 for none (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Override
    public Integer call() throws InterruptedException {
        if (!standby) {
            Journal.checkFree(journal);                       // before the rules take seconds to load
        }
        LinkTls tls = LinkTls.engine(tlsCert, tlsKey, tlsClientCa);
        Journal.Settings journalSettings = new Journal.Settings(FsyncPolicy.parse(fsync), segmentMib << 20,
                Retention.parse(retain, archive), checkpointEvery);
        StatusBoard board = StatusBoard.live();
        EngineService.Settings settings = new EngineService.Settings(journal, options.ruleBase(),
                options.map, HostPort.parse(listen), SharedSecret.read(secretFile),
                io.respawn.facts.map.Durations.parse(idleTick))
                .withWarmUp(io.respawn.facts.map.Durations.parse(warmUp))
                .withMaxConnectionsPerAddress(maxConnectionsPerAddress).withTls(tls);
        EngineService engine = start(settings, journalSettings, board);
        System.out.printf("respawn engine listening on %s%s, journal %s%n", engine.address(),
                tls.isOn() ? " (TLS)" : "", journal);
        GiveUpNotifier notifier = notifier();
        if (notifier != null) {
            engine.notifyGiveUps(notifier);
        }
        Console console = null;
        if (!http.equals("off")) {
            try {
                Token token = Token.resolve(System.getenv("RESPAWN_TOKEN"), tokenFile);
                console = Console.start(new Console.Settings(HostPort.parse(http), token), board, engine);
                System.out.printf("dashboard %s%n", console.dashboardUrl(token));
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }
        Console started = console;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (started != null) {
                started.close();
            }
            engine.close();
            if (notifier != null) {
                notifier.close();
            }
            stopped.countDown();
        }, "respawn-engine-stop"));
        stopped.await();
        return 0;
    }

    /** Starts on the journal; with {@code --standby}, stands by first if another engine holds it. */
    private EngineService start(EngineService.Settings settings, Journal.Settings journalSettings, StatusBoard board)
            throws InterruptedException {
        try {
            return EngineService.start(settings, journalSettings, board);
        } catch (JournalInUseException held) {
            if (!standby) {
                throw held;
            }
            return takeOver(settings, journalSettings, board);
        }
    }

    /** {@code --standby} with the journal held: rehearses, says so, waits for the journal to be free, starts. */
    private EngineService takeOver(EngineService.Settings settings, Journal.Settings journalSettings,
                                   StatusBoard board) throws InterruptedException {
        Standby.Rehearsed rehearsed = Standby.rehearse(settings, StatusBoard::live);
        System.out.printf("respawn engine standing by for journal %s: its recovery rehearsed %d times (%,d facts;"
                + " %d ms the first time, %d ms the last); takes over when its engine stops%n", journal,
                rehearsed.rounds(), rehearsed.facts(), rehearsed.first().toMillis(), rehearsed.last().toMillis());
        long waited = System.nanoTime();
        EngineService engine = EngineService.takeOver(settings.withWarmUp(Duration.ZERO), journalSettings, board);
        System.out.printf("respawn engine took over journal %s after %d s standing by%n", journal,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waited));
        return engine;
    }

    private GiveUpNotifier notifier() {
        GiveUpNotifier.Settings settings = new GiveUpNotifier.Settings(java.util.Optional.ofNullable(notifyCommand),
                java.util.Optional.ofNullable(notifyWebhook), io.respawn.facts.map.Durations.parse(notifyTimeout));
        return settings.any() ? new GiveUpNotifier(settings) : null;
    }

}
