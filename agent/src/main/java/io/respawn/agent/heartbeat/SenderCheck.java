package io.respawn.agent.heartbeat;

import io.respawn.facts.ComponentId;

/**
 * What the receiver asks the supervisor: UDP says nothing about the sender, so a
 * heartbeat counts only if it carries the token the component's current process was
 * given and comes from a PID of that process's tree.
 */
public interface SenderCheck {

    /** True if this node runs the component (whatever its state now). */
    boolean knows(ComponentId component);

    /**
     * Checks the token against the component's current process: {@link Admission.Admitted}
     * with its main PID and tree, or {@link Admission.Rejected} with
     * {@link RejectReason#NOT_RUNNING} or {@link RejectReason#WRONG_TOKEN}.
     */
    Admission admit(ComponentId component, String token);
}
