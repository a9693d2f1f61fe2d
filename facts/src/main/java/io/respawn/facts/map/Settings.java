package io.respawn.facts.map;

import java.util.HashMap;
import java.util.Map;

/**
 * One layer of inheritable settings (a {@code defaults:}, a group's own keys, a
 * component's own keys), each value with its line. Layers stack from the top of the tree
 * down; the nearer layer wins key by key.
 */
final class Settings {
    static final Settings NONE = new Settings(Map.of());

    private final Map<Setting<?>, Located<?>> values;

    private Settings(Map<Setting<?>, Located<?>> values) {
        this.values = Map.copyOf(values);
    }

    /** This layer plus {@code value}; unchanged if {@code value} is null (absent or wrong). */
    <T> Settings with(Setting<T> setting, Located<T> value) {
        if (value == null) {
            return this;
        }
        Map<Setting<?>, Located<?>> copy = new HashMap<>(values);
        copy.put(setting, value);
        return new Settings(copy);
    }

    /**
     * This layer with {@code nearer} stacked on it. {@code heartbeat: none} in the nearer
     * layer drops an inherited interval and timeout; a nearer interval or timeout drops an
     * inherited {@code none}.
     */
    Settings under(Settings nearer) {
        Map<Setting<?>, Located<?>> merged = new HashMap<>(values);
        if (nearer.values.containsKey(Setting.HEARTBEAT_NONE)) {
            merged.remove(Setting.HEARTBEAT_INTERVAL);
            merged.remove(Setting.HEARTBEAT_TIMEOUT);
        }
        if (nearer.values.containsKey(Setting.HEARTBEAT_INTERVAL)
                || nearer.values.containsKey(Setting.HEARTBEAT_TIMEOUT)) {
            merged.remove(Setting.HEARTBEAT_NONE);
        }
        merged.putAll(nearer.values);
        return new Settings(merged);
    }

    /** The value and its line, or null when no layer sets it. */
    @SuppressWarnings("unchecked")
    <T> Located<T> get(Setting<T> setting) {
        return (Located<T>) values.get(setting);
    }

    <T> T value(Setting<T> setting, T fallback) {
        Located<T> found = get(setting);
        return found == null ? fallback : found.value();
    }
}
