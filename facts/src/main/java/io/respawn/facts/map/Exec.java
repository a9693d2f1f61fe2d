package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.util.List;

/** Run a command (argv, the program first, no shell); passes when it exits with status 0 in time. */
public record Exec(List<String> command) implements RoundTripWrite, RoundTripRead {
    public Exec {
        command = Require.list("exec.command", command);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("exec.command - must name a program: " + command);
        }
    }

    @Override
    public Exec withToken(String token) {
        RoundTripProbe.requireToken(token);
        return new Exec(command.stream().map(arg -> arg.replace(RoundTripProbe.TOKEN, token)).toList());
    }

    @Override
    public boolean usesToken() {
        return command.stream().anyMatch(arg -> arg.contains(RoundTripProbe.TOKEN));
    }
}
