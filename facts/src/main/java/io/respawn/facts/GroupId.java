package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The name of a restart group (a node of the restart tree), unique within a restart map. */
public record GroupId(String name) implements Comparable<GroupId> {
    public GroupId {
        Names.check("group", name);
    }

    @JsonCreator
    public static GroupId of(String name) {
        return new GroupId(name);
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
