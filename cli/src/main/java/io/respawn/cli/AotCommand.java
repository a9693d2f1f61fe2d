package io.respawn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code respawn aot FILE}: writes an ahead-of-time cache (Java 25 and later) from a
 * training run of what an engine does when it starts: compile the rules, rehearse, and
 * recover a synthetic journal (see {@link AotTraining}). A JVM started with
 * {@code -XX:AOTCache=FILE} then finds those classes loaded and linked and those methods'
 * profiles ready, so the engine loads its rules and recovers its journal sooner
 * (docs/BENCHMARKS.md#recovery-time). The training runs in a JVM of its own, with this
 * one's options and class path, since a cache serves only the Java, class path and options
 * it was trained with; it is written under a temporary name and renamed into place.
 */
@Command(name = "aot", mixinStandardHelpOptions = true,
        description = {"Writes an ahead-of-time cache (Java 25 or later) from a training run of an engine's start:",
            "rules, rehearsal and a recovery. Start respawn with it for a faster start and recovery:",
            "  respawn aot /var/lib/respawn/respawn.aot",
            "  RESPAWN_JAVA_OPTS=-XX:AOTCache=/var/lib/respawn/respawn.aot respawn engine ..."})
final class AotCommand implements Callable<Integer> {
    /** The first Java whose JVM writes an AOT cache in one training run (JEP 514) with method profiles (JEP 515). */
    static final int FIRST_JAVA = 25;

    @Parameters(paramLabel = "FILE", description = "The cache to write (replaced if it exists).")
    Path file;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Directory of .drl files the engine will run, instead of the default rules.")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int java = Runtime.version().feature();
        if (java < FIRST_JAVA) {
            throw new IllegalStateException("an AOT cache needs Java " + FIRST_JAVA + " or later, and this is Java "
                    + java + " (" + System.getProperty("java.home") + "): set JAVA_HOME to a newer JDK, and run"
                    + " the engine on that same JDK");
        }
        Path target = file.toAbsolutePath();
        Path training = target.resolveSibling(target.getFileName() + ".tmp");
        Path log = target.resolveSibling(target.getFileName() + ".log");
        Writer report;
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(training);
            report = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(target + " - cannot write there: " + e, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("aot: training a JVM of Java " + Runtime.version() + " (about 20 s); its own report goes to " + log);
        out.flush();
        Process process = new ProcessBuilder(command(training)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (report; BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                report.write(line);
                report.write('\n');
                if (line.startsWith("aot: ")) {                // the training's steps; the JVM's notes stay in the log
                    out.println(line);
                    out.flush();
                }
            }
        }
        int exit = process.waitFor();
        Files.deleteIfExists(training.resolveSibling(training.getFileName() + ".config"));
        if (exit != 0 || !Files.isRegularFile(training)) {
            Files.deleteIfExists(training);
            throw new IllegalStateException("the training run failed (exit code " + exit + ", see " + log + "); "
                    + target + " is not written");
        }
        Files.move(training, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf(Locale.ROOT, "aot: wrote %s (%d MB). Start respawn with it, on this same Java:%n"
                        + "  RESPAWN_JAVA_OPTS=-XX:AOTCache=%s respawn engine ...%n"
                        + "It serves this Java, this installation of respawn and these JVM options only: after an"
                        + " upgrade the JVM%nsays 'shared class paths mismatch' and starts without it; run respawn"
                        + " aot again then.%n",
                target, Files.size(target) >> 20, target);
        return 0;
    }

    /** The training JVM: this one's java, options (but no AOT option of its own) and class path. */
    private List<String> command(Path training) {
        return ThisJvm.command(option -> !option.startsWith("-XX:AOT"), List.of("-XX:AOTCacheOutput=" + training),
                AotTraining.class.getName(), List.of(rules == null ? RuleOptions.DEFAULT_RULES : rules.toString()));
    }
}
