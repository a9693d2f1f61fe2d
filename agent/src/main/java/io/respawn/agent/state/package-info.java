/**
 * What a node agent keeps on disk so that it can be killed at any moment and started
 * again: {@link io.respawn.agent.state.AtomicFile} writes a state file whole or not at all
 * (temporary file, fsync, rename, fsync of the directory; readable by the owner only), and
 * {@link io.respawn.agent.state.Ledger} is the agent's own append-only record of the facts
 * it sent and the decisions it carried out, which an independent checker compares with the
 * engine's journal. The process table itself is kept by {@code agent.process}.
 */
package io.respawn.agent.state;
