package io.respawn.cli;

import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.replay.Replay;
import io.respawn.engine.replay.ReplaySummary;
import io.respawn.facts.log.FactLogReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code respawn replay LOG}: the decisions a fact log leads to, with the given rules and map. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a recorded fact log through the rules and prints the decision timeline:",
            "time, decision, group, rule, evidence, and the log line that led to it; then a summary."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", arity = "1..*",
            description = {"The fact log (JSON Lines) to replay; or a journal's directory, its live segment (with the",
                "sealed segments before it), or several segments, read in the order given."})
    List<Path> logs;

    @Mixin
    RuleOptions options;

    @Option(names = "--json", description = "Print each decision as one line of JSON (the form scenarios expect), no summary.")
    boolean json;

    @Option(names = "--skip-bad", description = "Skip unreadable lines (reported on stderr) instead of stopping at the first.")
    boolean skipBad;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replay replay = new Replay(options.ruleBase(), options.mapOrNull(),
                skipBad ? FactLogReader.BadLines.SKIP : FactLogReader.BadLines.STOP);
        ReplaySummary summary = replay.run(logs,
                d -> out.println(json ? DecisionText.json(d.decision()) : DecisionText.human(d)),
                bad -> err.println("skipped " + bad.getMessage()));
        if (!json) {
            out.println(summary(summary));
        }
        out.flush();
        return 0;
    }

    static String summary(ReplaySummary s) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d facts, %d decisions", s.facts(), s.decisions()));
        s.decisionsByType().forEach((type, n) -> text.append(", ").append(n).append(' ').append(type));
        if (s.skipped() > 0) {
            text.append(", ").append(s.skipped()).append(" lines skipped");
        }
        text.append(String.format(Locale.ROOT, "; %s of recorded time replayed in %d ms (%.0fx real time)",
                s.simulated(), s.wall().toMillis(), s.speedup()));
        return text.toString();
    }
}
