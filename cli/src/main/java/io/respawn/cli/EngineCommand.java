package io.respawn.cli;

import io.respawn.engine.journal.FsyncPolicy;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.Retention;
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
            description = "The journal's live segment (fact log) to append to and recover from; sealed segments and"
                    + " the checkpoint lie beside it (default ${DEFAULT-VALUE}).")
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
        Journal.Settings journalSettings = new Journal.Settings(FsyncPolicy.parse(fsync), segmentMib << 20,
                Retention.parse(retain, archive), checkpointEvery);
        EngineService engine = EngineService.start(new EngineService.Settings(journal, options.ruleBase(),
                options.map, HostPort.parse(listen), SharedSecret.read(secretFile),
                io.respawn.facts.map.Durations.parse(idleTick)), journalSettings);
        System.out.printf("respawn engine listening on %s, journal %s%n", engine.address(), journal);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "respawn-engine-stop"));
        stopped.await();
        return 0;
    }

}
