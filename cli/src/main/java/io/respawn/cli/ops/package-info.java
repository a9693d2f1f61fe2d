/**
 * The command-line verbs against a running engine's HTTP API: {@code status}, {@code tree},
 * {@code why}, {@code ack}, {@code restart}, {@code pause}, {@code resume}, {@code reload}.
 * {@link io.respawn.cli.ops.EngineClient} is the one door to the engine; the verbs print.
 */
package io.respawn.cli.ops;
