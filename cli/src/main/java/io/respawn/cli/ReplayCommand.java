package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.DecisionDiff;
import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.replay.DiffText;
import io.respawn.engine.replay.Replay;
import io.respawn.engine.replay.ReplayException;
import io.respawn.engine.replay.ReplaySummary;
import io.respawn.engine.replay.ReplayedDecision;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.log.FactLogException;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.map.Durations;
import io.respawn.facts.map.RestartMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code respawn replay LOG}: the decisions a fact log leads to, with the given rules and map;
 * with {@code --against}, the decisions two rule sets differ in.
 *
 * <p>Standard output carries only the decisions (or the differences), byte for byte the same
 * for the same log and rules; the summary, warnings and, on a terminal, progress go to stderr.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a recorded fact log through the rules and prints the decision timeline:",
            "time, decision, group, rule, evidence, and the log line that led to it.",
            "A summary follows on stderr: facts, decisions by type, the recorded time span,",
            "how long the replay took and how many times faster than real time it ran.",
            "With --against, replays the log through two rule sets and prints the decisions",
            "that differ: '-' only with --rules (A), '+' only with --against (B), '~' changed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; with --against, no decision differs",
            "1:a bad line or fact stopped the replay; with --against, decisions differ",
            "2:with --against, the comparison could not run (bad log, rules or map)"})
final class ReplayCommand implements Callable<Integer> {
    static final int DIFFERENT = 1;
    static final int TROUBLE = 2;

    @Parameters(paramLabel = "LOG", description = {"The fact log (JSON Lines) to replay; or a journal's directory, or its",
        "live segment (read with the sealed segments before it)."})
    Path log;

    @Mixin
    RuleOptions options;

    @Option(names = "--json", description = "Print each decision as one line of JSON (the form scenarios expect).")
    boolean json;

    @Option(names = "--skip-bad",
            description = "Skip unreadable lines, each named on stderr as file:line, instead of stopping at the first.")
    boolean skipBad;

    @Option(names = "--against", paramLabel = "DIR",
            description = "Rules to compare with those of --rules (default: the packaged rules); 'default' names "
                    + "the packaged rules. Prints the decisions that differ.")
    Path against;

    @Option(names = "--within", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
            description = "With --against: how far apart two decisions about one component may be and still "
                    + "count as one changed decision (default: ${DEFAULT-VALUE}).")
    Duration within;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (against != null && json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json does not go with --against");
        }
        if (against == null && spec.commandLine().getParseResult().hasMatchedOption("--within")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--within goes only with --against");
        }
        try {
            return against == null ? replay(out, err) : compare(out, err);
        } catch (FactLogException | ReplayException e) {
            err.println(e.getMessage());
            return against == null ? 1 : TROUBLE;
        } catch (Exception e) {
            if (against == null) {
                throw e;
            }
            err.println("replay: " + e.getMessage());
            return TROUBLE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int replay(PrintWriter out, PrintWriter err) throws Exception {
        Screen screen = new Screen(out, err, log.getFileName().toString());
        ReplaySummary summary = replayThrough(options.ruleBase(), screen, d -> screen.print(
                json ? DecisionText.json(d.decision()) : DecisionText.human(d)), screen::skipped);
        err.println(summary(summary));
        return 0;
    }

    private int compare(PrintWriter out, PrintWriter err) throws Exception {
        RuleBase rulesA = options.ruleBase();
        RuleBase rulesB = RuleOptions.load(against);
        List<ReplayedDecision> decisionsA = new ArrayList<>();
        List<ReplayedDecision> decisionsB = new ArrayList<>();
        String file = log.getFileName().toString();
        Screen screenA = new Screen(out, err, file + " (A)");
        ReplaySummary summaryA = replayThrough(rulesA, screenA, decisionsA::add, screenA::skipped);
        // The same log: its bad lines were named during replay A.
        ReplaySummary summaryB = replayThrough(rulesB, new Screen(out, err, file + " (B)"), decisionsB::add,
                bad -> { });
        DecisionDiff.Result result = DecisionDiff.compare(decisionsA, decisionsB, within);
        DiffText.lines(result, RuleOptions.name(options.rules), decisionsA.size(), RuleOptions.name(against),
                decisionsB.size()).forEach(out::println);
        err.println("A: " + summary(summaryA));
        err.println("B: " + summary(summaryB));
        return result.identical() ? 0 : DIFFERENT;
    }

    /** Replays the log through {@code rules}, telling {@code skipped} of each bad line skipped. */
    private ReplaySummary replayThrough(RuleBase rules, Screen screen, Consumer<ReplayedDecision> decisions,
                                        Consumer<FactLogException> skipped) throws Exception {
        RestartMap map = options.mapOrNull();
        Replay replay = new Replay(rules, map, skipBad ? FactLogReader.BadLines.SKIP : FactLogReader.BadLines.STOP);
        try {
            return replay.run(log, decisions, skipped, screen.progress());
        } finally {
            screen.clear();
        }
    }

    private static String problem(FactLogException bad) {
        String prefix = bad.source() + ":" + bad.line() + ": ";
        String message = bad.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * The closing summary, e.g. {@code 5 facts, 3 decisions (2 restart, 1 escalate); 6s of recorded
     * time (2026-11-27T10:00:00.000Z to 2026-11-27T10:00:06.000Z) replayed in 120ms: 50x real time}.
     */
    static String summary(ReplaySummary s) {
        StringBuilder text = new StringBuilder();
        text.append(count(s.facts(), "fact")).append(", ").append(count(s.decisions(), "decision"));
        if (!s.decisionsByType().isEmpty()) {
            List<String> byType = new ArrayList<>();
            s.decisionsByType().forEach((type, n) -> byType.add(n + " " + type));
            text.append(" (").append(String.join(", ", byType)).append(')');
        }
        if (s.skipped() > 0) {
            text.append(", ").append(count(s.skipped(), "bad line")).append(" skipped");
        }
        text.append("; ").append(span(s.simulated())).append(" of recorded time");
        if (s.first() != null) {
            text.append(" (").append(FactJson.format(s.first())).append(" to ").append(FactJson.format(s.last()))
                    .append(')');
        }
        double speed = s.speedup();
        text.append(" replayed in ").append(span(s.wall())).append(": ")
                .append(String.format(Locale.ROOT, speed >= 10 ? "%.0fx" : "%.1fx", speed)).append(" real time");
        return text.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A span of time for people: {@code 350ms}, {@code 6.2s}, {@code 3m 04s}, {@code 2h 03m 04s}. */
    static String span(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            String seconds = String.format(Locale.ROOT, "%.1f", ms / 1_000.0);
            return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + "s";
        }
        long s = ms / 1_000;
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3_600, s / 60 % 60, s % 60);
    }

    /**
     * Where a replay writes: decisions to stdout, warnings to stderr, and progress to stderr
     * when it is a terminal, erased before anything else is written there.
     */
    private static final class Screen {
        private final PrintWriter out;
        private final PrintWriter err;
        private final ReplayProgress progress;

        Screen(PrintWriter out, PrintWriter err, String label) {
            this.out = out;
            this.err = err;
            this.progress = Terminal.isStderr() ? new ReplayProgress(err, label, System::nanoTime) : null;
        }

        Replay.Progress progress() {
            return progress == null ? Replay.Progress.NONE : progress;
        }

        void print(String line) {
            clear();
            out.println(line);
            if (progress != null) {
                out.flush();
            }
        }

        /** Names a bad line skipped: {@code FILE:LINE: skipped: what is wrong}. */
        void skipped(FactLogException bad) {
            clear();
            err.println(bad.source() + ":" + bad.line() + ": skipped: " + problem(bad));
            err.flush();
        }

        void clear() {
            if (progress != null) {
                progress.clear();
            }
        }
    }

    /** Reads {@code --within} as a restart map does: {@code 250ms}, {@code 3s}, {@code 1m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
