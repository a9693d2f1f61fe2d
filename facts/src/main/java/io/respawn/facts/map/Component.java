package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Require;
import io.respawn.facts.RestartType;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A component: one supervised process, a leaf of the restart tree. Values are as resolved
 * from the map, defaults inherited.
 *
 * @param node            the node whose agent runs it
 * @param command         the argv to start it, the program first
 * @param workdir         the directory to start it in (empty: the agent's own)
 * @param env             variables added to the agent's environment, in the order written
 * @param restartType     when it is restarted after it fails
 * @param after           components that must be started before it
 * @param stopGrace       after SIGTERM, how long to wait before SIGKILL
 * @param startupGrace    after a start, how long it has to send a first heartbeat or pass a probe
 * @param heartbeat       how it sends heartbeats (empty: it sends none)
 * @param limits          OS-level limits on its process
 * @param probes          end-to-end probes run against it, names unique
 * @param probeThresholds how many consecutive probe results count
 */
public record Component(ComponentId id, String node, List<String> command, Optional<String> workdir,
                        Map<String, String> env, RestartType restartType, List<ComponentId> after,
                        Duration stopGrace, Duration startupGrace, Optional<HeartbeatSettings> heartbeat,
                        Limits limits, List<ProbeSpec> probes, ProbeThresholds probeThresholds) implements Child {
    public Component {
        Require.notNull("component.id", id);
        Require.notBlank("component.node", node);
        command = Require.list("component.command", command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("component.command - must name a program: " + id);
        }
        Require.notNull("component.workdir", workdir);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(Require.notNull("component.env", env)));
        Require.notNull("component.restartType", restartType);
        after = Require.list("component.after", after);
        Require.notNegative("component.stopGrace", stopGrace);
        Require.notNegative("component.startupGrace", startupGrace);
        Require.notNull("component.heartbeat", heartbeat);
        Require.notNull("component.limits", limits);
        probes = Require.list("component.probes", probes);
        requireUniqueNames(probes);
        Require.notNull("component.probeThresholds", probeThresholds);
    }

    @Override
    public String name() {
        return id.name();
    }

    private static void requireUniqueNames(List<ProbeSpec> probes) {
        Set<String> names = new HashSet<>();
        for (ProbeSpec probe : probes) {
            if (!names.add(probe.name())) {
                throw new IllegalArgumentException("component.probes - duplicate probe name: \"" + probe.name() + "\"");
            }
        }
    }
}
