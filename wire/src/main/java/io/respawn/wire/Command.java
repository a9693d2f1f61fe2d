package io.respawn.wire;

import io.respawn.facts.Require;

/**
 * An order from the engine, carrying out a decision. It names a group or a component of
 * the restart map, never a command line: the agent acts only on what its own map declares.
 *
 * @param decision the id of the decision carried out (the agent runs each id once)
 * @param action   what to do
 * @param target   the group (for RESTART_GROUP) or component (for RESTART_COMPONENT)
 * @param mode     how to stop: GRACEFUL (SIGTERM, grace period, SIGKILL) or IMMEDIATE (SIGKILL: a hang)
 */
public record Command(String decision, Action action, String target, StopMode mode) implements Frame {
    /** What a command asks. */
    public enum Action { RESTART_GROUP, RESTART_COMPONENT }

    /** How the members are stopped. */
    public enum StopMode { GRACEFUL, IMMEDIATE }

    public Command {
        Require.notBlank("command.decision", decision);
        Require.notNull("command.action", action);
        Require.notBlank("command.target", target);
        mode = mode == null ? StopMode.GRACEFUL : mode;
    }
}
