/**
 * Application heartbeats over UDP: the receiver, its checks (token, process tree, rate)
 * and its counters.
 *
 * <p>{@link io.respawn.agent.heartbeat.HeartbeatReceiver} is the entry point. It asks a
 * {@link io.respawn.agent.heartbeat.SenderCheck} (the supervisor, wired by the node
 * agent) whether a beat may speak for a component. The wire format is one ASCII line per
 * datagram:
 * <pre>
 * HB1 &lt;component&gt; &lt;node&gt;:&lt;pid&gt; &lt;OK|DEGRADED|FAILED&gt; &lt;seq&gt; &lt;token&gt; [&lt;sentAtEpochMillis&gt;]
 * </pre>
 * documented with the client in docs/agent.md; the sender side is the dependency-free
 * {@code io.respawn.heartbeat.HeartbeatClient}.
 */
package io.respawn.agent.heartbeat;
