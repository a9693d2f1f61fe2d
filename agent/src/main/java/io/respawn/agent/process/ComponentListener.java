package io.respawn.agent.process;

import io.respawn.facts.map.Component;

/**
 * Told when a component's process starts and when it ends, for work that lives as long
 * as the process: the agent schedules a component's end-to-end probes on
 * {@link #started} and cancels them on {@link #stopped}. Called on the supervisor's
 * threads: return quickly and do not throw.
 */
public interface ComponentListener {
    /** Does nothing. */
    ComponentListener NONE = new ComponentListener() {
    };

    /** The component's process {@code pid} was started (after its ProcessStarted was reported). */
    default void started(Component component, long pid) {
    }

    /** The component's process {@code pid} ended, asked to or not (after its ProcessExited was reported). */
    default void stopped(Component component, long pid) {
    }
}
