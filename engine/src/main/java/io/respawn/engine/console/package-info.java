/**
 * The engine's HTTP side: the JSON API over the status board, operator actions behind a
 * bearer token, server-sent events of board changes, Prometheus metrics, and the dashboard
 * served from the engine's resources. {@link io.respawn.engine.console.Console} is the entry.
 */
package io.respawn.engine.console;
