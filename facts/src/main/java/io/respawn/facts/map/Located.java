package io.respawn.facts.map;

/** A value read from a map, with the line it was written on, so later checks can point at it. */
record Located<T>(T value, int line) {
}
