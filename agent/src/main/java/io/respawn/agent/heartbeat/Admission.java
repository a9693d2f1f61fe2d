package io.respawn.agent.heartbeat;

import java.util.function.LongPredicate;

/** Whether a heartbeat may speak for a component, as a {@link SenderCheck} decides it. */
public sealed interface Admission {

    /**
     * The token is right for the component's current process.
     *
     * @param mainPid    the PID the component runs as (what the Heartbeat fact names)
     * @param treeMember whether a PID is a live process of that process's tree
     */
    record Admitted(long mainPid, LongPredicate treeMember) implements Admission {
    }

    /** The heartbeat cannot speak for the component. */
    record Rejected(RejectReason reason) implements Admission {
    }
}
