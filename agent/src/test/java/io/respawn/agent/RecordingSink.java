package io.respawn.agent;

import io.respawn.facts.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A sink that keeps every observation and when it arrived (System.nanoTime), for tests to wait on. */
public final class RecordingSink implements Consumer<Observation> {
    private final List<Observation> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Long> arrivedNanos = new ConcurrentHashMap<>();

    @Override
    public void accept(Observation observation) {
        arrivedNanos.put(observation.id(), System.nanoTime());
        seen.add(observation);
    }

    public List<Observation> all() {
        return List.copyOf(seen);
    }

    public <T extends Observation> List<T> all(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Observation> Optional<T> first(Class<T> type, Predicate<T> match) {
        return all(type).stream().filter(match).findFirst();
    }

    /** The first observation of {@code type} matching {@code match}, waiting up to {@code limit}. */
    public <T extends Observation> T await(Class<T> type, Predicate<T> match, Duration limit) {
        return Eventually.awaitValue("a " + type.getSimpleName() + " matching the test's condition (seen so far: "
                + seen + ")", limit, () -> first(type, match));
    }

    /** When the observation reached the sink, in System.nanoTime() terms. */
    public long arrivedNanos(Observation observation) {
        return arrivedNanos.get(observation.id());
    }
}
