/**
 * The restart map: the YAML file that declares the restart tree (restart groups with
 * components inline as leaves), how each component is run and watched, and the
 * policies the oracle applies.
 *
 * <p>{@link io.respawn.facts.map.RestartMap} is the entry point: it loads and validates a
 * map, answers questions about the tree, and produces the policy facts the rule session
 * needs. The rest of the public types are the immutable model it exposes. Reading is
 * done in two passes by package-private helpers: the YAML text becomes a small tree that
 * remembers the line of every key and value, and that tree is validated and resolved
 * (defaults inherited down the tree) into the model. Every problem found is reported,
 * each as {@code file:line: message}.
 *
 * <p>The format is documented in {@code docs/restart-map.md}.
 */
package io.respawn.facts.map;
