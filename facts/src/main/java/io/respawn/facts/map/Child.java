package io.respawn.facts.map;

/** What a restart group holds: a smaller group or a component. */
public sealed interface Child permits Group, Component {

    /** The name of the group or component; group and component names share one namespace. */
    String name();
}
