package io.respawn.agent.process;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row of the process table: what the agent knows of one component on its node.
 *
 * @param group            the component's smallest restart group
 * @param command          the argv the agent runs (without the {@code setsid} it is started through)
 * @param pid              the PID of the current or last process, 0 if it never ran
 * @param processStartedAt when that process started, as the kernel records it (/proc/PID/stat)
 * @param startedAt        when the agent started it, on the agent's clock
 * @param restartId        the engine decision the last start carried out, if any
 * @param lastExit         how the last process ended: {@code "exit code 0"}, {@code "signal 9"}
 * @param starts           how many times the agent has started it
 */
public record ProcessEntry(ComponentId component, String node, GroupId group, List<String> command,
                           ProcessState state, long pid, Optional<Instant> processStartedAt,
                           Optional<Instant> startedAt, Optional<String> restartId, Optional<String> lastExit,
                           int starts) {
    public ProcessEntry {
        command = List.copyOf(command);
    }
}
