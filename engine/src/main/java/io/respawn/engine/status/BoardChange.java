package io.respawn.engine.status;

/**
 * Something on the board changed: {@code event} names what ({@code component}, {@code tree},
 * {@code decision}, {@code giveups}, {@code dependencies}, {@code recovered}, {@code agents}),
 * {@code data} is the new view of it.
 */
public record BoardChange(String event, Object data) {
}
