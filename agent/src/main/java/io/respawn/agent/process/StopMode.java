package io.respawn.agent.process;

/** How to stop a component's process tree. */
public enum StopMode {
    /**
     * SIGTERM to the process group, wait the component's {@code stopGrace}, then SIGKILL.
     * A tree with a stopped (SIGSTOP) or traced process is killed at once: it could not
     * act on SIGTERM.
     */
    GRACEFUL,
    /** SIGKILL at once: for a restart decided because the component hangs. */
    IMMEDIATE
}
