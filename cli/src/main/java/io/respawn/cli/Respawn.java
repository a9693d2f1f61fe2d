package io.respawn.cli;

import io.respawn.agent.AgentCommand;
import io.respawn.cli.demo.DemoCommand;
import io.respawn.cli.ops.GroupCommands;
import io.respawn.cli.ops.ReloadCommand;
import io.respawn.cli.ops.StatusCommand;
import io.respawn.cli.ops.TreeCommand;
import io.respawn.cli.ops.WhyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code respawn} command: one entry, a subcommand per job. */
@Command(name = "respawn",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Keeps services running by restarting the smallest part that cures a failure.",
        subcommands = {DemoCommand.class, EngineCommand.class, AgentCommand.class, BeatCommand.class, ReplayCommand.class, TestCommand.class, CheckCommand.class, BenchCommand.class,
            AotCommand.class, SimulateCommand.class, AdviseCommand.class,
            StatusCommand.class, TreeCommand.class, WhyCommand.class, GroupCommands.Ack.class, GroupCommands.Restart.class,
            GroupCommands.Pause.class, GroupCommands.Resume.class, ReloadCommand.class, CommandLine.HelpCommand.class})
public final class Respawn implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Respawn())
                .setExecutionExceptionHandler(new Failures())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
