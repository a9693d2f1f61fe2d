package io.respawn.engine.service;

import io.respawn.wire.Command;

/**
 * Where the {@link Dispatcher} hands the commands it makes: live, the agents' connections;
 * in a simulation, simulated agents.
 */
@FunctionalInterface
public interface CommandSink {
    /** Delivers {@code command} to the agent of {@code node}, or records why it could not. */
    void send(String node, Command command);
}
