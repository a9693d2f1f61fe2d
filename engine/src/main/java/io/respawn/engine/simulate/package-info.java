/**
 * What-if simulation: a restart map and the rules run against simulated components in
 * simulated time. The engine's own {@link io.respawn.engine.oracle.Oracle}, rules and
 * {@link io.respawn.engine.service.Dispatcher} decide; only the transport (simulated agents
 * behind a {@link io.respawn.engine.service.CommandSink}) and the clock (a discrete-event
 * queue) are replaced.
 *
 * <p>{@link io.respawn.engine.simulate.Simulation} is the entry point; a
 * {@link io.respawn.engine.simulate.SimulationSpec} (read by
 * {@link io.respawn.engine.simulate.SpecReader}) says how long restarts take and which
 * faults arrive. The format is documented in {@code docs/simulation.md}.
 */
package io.respawn.engine.simulate;
