package io.respawn.agent.heartbeat;

/** Why a heartbeat datagram did not become a Heartbeat fact. */
public enum RejectReason {
    /** Not a heartbeat in the documented format (wrong prefix, field count, number, status). */
    MALFORMED,
    /** For another node: normal on a shared multicast group, so it is only counted. */
    OTHER_NODE,
    /** Names no component this node runs. */
    UNKNOWN_COMPONENT,
    /** The component does not run now, so it has no token. */
    NOT_RUNNING,
    /** The token is not the one the component's current process was given. */
    WRONG_TOKEN,
    /** The PID is not a live process of the component's process tree. */
    FOREIGN_PID,
    /** More heartbeats for the component than its rate allows: dropped. */
    RATE_LIMITED
}
