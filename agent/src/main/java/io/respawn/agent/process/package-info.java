/**
 * The supervisor of a node's components: spawning each through {@code setsid} with its
 * environment and rotating log, detecting exits at once, stopping whole process trees
 * (group SIGTERM, grace, SIGKILL, then a sweep for anything that escaped), and carrying
 * out the engine's stop / start / restart commands.
 *
 * <p>{@link io.respawn.agent.process.Supervisor} is the entry point; the other public
 * types are the values it speaks in: {@link io.respawn.agent.process.StopMode},
 * {@link io.respawn.agent.process.ProcessEntry} and
 * {@link io.respawn.agent.process.ProcessState} (the process table),
 * {@link io.respawn.agent.process.RunningProcess} (a handle on a live process, for
 * heartbeat and metrics), {@link io.respawn.agent.process.ComponentListener} (the seam
 * for work that lives as long as a process, such as probes) and
 * {@link io.respawn.agent.process.SupervisorSettings}. Linux only: it reads /proc and
 * calls {@code kill(2)}, {@code prctl(2)} and {@code waitpid(2)} through JNA.
 */
package io.respawn.agent.process;
