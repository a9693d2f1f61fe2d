package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The name of a component (one supervised process), unique within a restart map. */
public record ComponentId(String name) implements Comparable<ComponentId> {
    public ComponentId {
        Names.check("component", name);
    }

    private static final Interned<ComponentId> KNOWN = new Interned<>(ComponentId::new);

    /** The id named {@code name}; names seen before are not checked again (fact logs repeat them). */
    @JsonCreator
    public static ComponentId of(String name) {
        return KNOWN.get(name);
    }

    @JsonValue
    @Override
    public String toString() {
        return name;
    }

    @Override
    public int compareTo(ComponentId other) {
        return name.compareTo(other.name);
    }
}
