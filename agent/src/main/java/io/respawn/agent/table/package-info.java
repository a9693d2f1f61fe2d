/**
 * The process table served over TCP, one JSON document per connection, as the iRoom's
 * Re/Starter served its table of command lines and PIDs.
 * {@link io.respawn.agent.table.TableServer} is the entry point.
 */
package io.respawn.agent.table;
