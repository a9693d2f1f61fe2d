package io.respawn.facts;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Identifier values by name, so a fact log that names the same component a million
 * times checks and allocates the name once. Holds at most {@value #LIMIT} names: past
 * that (a log full of distinct names), new ids are made and checked each time.
 */
final class Interned<T> {
    static final int LIMIT = 1 << 16;

    private final ConcurrentHashMap<String, T> known = new ConcurrentHashMap<>();
    private final Function<String, T> make;

    Interned(Function<String, T> make) {
        this.make = make;
    }

    T get(String name) {
        T id = name == null ? null : known.get(name);
        if (id != null) {
            return id;
        }
        id = make.apply(name);
        if (known.size() < LIMIT) {
            known.putIfAbsent(name, id);
        }
        return id;
    }
}
