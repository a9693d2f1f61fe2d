/**
 * Telling people when respawn gives up: each give-up decided live is written up as a
 * {@link io.respawn.engine.notify.Dossier} (what failed, what was tried, which rules
 * decided, the evidence) and handed to the {@link io.respawn.engine.notify.GiveUpNotifier},
 * which runs a command and/or posts to a webhook on its own thread, with timeouts, never
 * holding up the engine.
 */
package io.respawn.engine.notify;
