package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The name of a restart group (a node of the restart tree), unique within a restart map. */
public record GroupId(String name) implements Comparable<GroupId> {
    public GroupId {
        Names.check("group", name);
    }

    private static final Interned<GroupId> KNOWN = new Interned<>(GroupId::new);

    /** The id named {@code name}; names seen before are not checked again (fact logs repeat them). */
    @JsonCreator
    public static GroupId of(String name) {
        return KNOWN.get(name);
    }

    @JsonValue
    @Override
    public String toString() {
        return name;
    }

    @Override
    public int compareTo(GroupId other) {
        return name.compareTo(other.name);
    }
}
