package io.respawn.engine.simulate;

import java.util.PriorityQueue;

/**
 * The simulation's discrete-event queue: actions at simulated times (epoch ms), run in
 * time order, ties in the order they were scheduled. Not thread-safe.
 */
final class EventQueue {
    private record Event(long atMillis, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(atMillis, other.atMillis);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long scheduled;
    private long nowMillis;

    /** Runs {@code action} at {@code atMillis}; a time before now is taken as now. */
    void at(long atMillis, Runnable action) {
        events.add(new Event(Math.max(atMillis, nowMillis), ++scheduled, action));
    }

    /** When the next event is due, or {@link Long#MAX_VALUE}. */
    long nextMillis() {
        Event head = events.peek();
        return head == null ? Long.MAX_VALUE : head.atMillis();
    }

    /** Takes the next event, moves now to its time and runs it. */
    void runNext() {
        Event event = events.poll();
        nowMillis = event.atMillis();
        event.action().run();
    }

    long nowMillis() {
        return nowMillis;
    }

    void moveTo(long millis) {
        nowMillis = Math.max(nowMillis, millis);
    }
}
