package io.respawn.cli;

import picocli.CommandLine;

/**
 * Turns an error into one message on stderr and exit code 1; a stack trace only with
 * {@code RESPAWN_DEBUG=1}. The messages themselves say where ({@code file:line:}).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
        if ("1".equals(System.getenv("RESPAWN_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
