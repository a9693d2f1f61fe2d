package io.respawn.engine.service;

import io.respawn.engine.oracle.Oracle;
import io.respawn.facts.Cause;
import io.respawn.facts.Decision;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.Command;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns decisions into commands for the agents that own the components they name. A
 * restart of a group goes to every node with a member in it; a dependent's restart to
 * the dependent's node. A restart for a hang (silent heartbeat, failing probe, FAILED
 * heartbeat) stops at once: a hung process cannot handle SIGTERM.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Set<Cause> HANGS = EnumSet.of(Cause.HEARTBEAT_SILENT, Cause.PROBE_FAILED,
            Cause.HEARTBEAT_FAILED);

    private final Oracle oracle;
    private final CommandSink sink;

    public Dispatcher(Oracle oracle, CommandSink sink) {
        this.oracle = oracle;
        this.sink = sink;
    }

    public void dispatch(Decision decision) {
        RestartMap map = oracle.map().orElseThrow();
        if (decision instanceof Restart r) {
            Command.StopMode mode = modeFor(r.failure());
            Set<String> nodes = new TreeSet<>();
            for (Component member : map.componentsUnder(r.group())) {
                nodes.add(member.node());
            }
            for (String node : nodes) {
                send(node, new Command(r.id(), Command.Action.RESTART_GROUP, r.group().name(), mode));
            }
        } else if (decision instanceof RestartDependent d) {
            map.component(d.component()).ifPresent(c -> send(c.node(),
                    new Command(d.id(), Command.Action.RESTART_COMPONENT, d.component().name(),
                            Command.StopMode.GRACEFUL)));
        } else if (decision instanceof GiveUp g) {
            LOG.error("{} - gave up: {} (decision {}, rule \"{}\")", g.group(), g.reason(), g.id(), g.rule());
        }
    }

    private Command.StopMode modeFor(String failureId) {
        return oracle.failure(failureId).filter(failure -> HANGS.contains(failure.cause()))
                .map(failure -> Command.StopMode.IMMEDIATE).orElse(Command.StopMode.GRACEFUL);
    }

    private void send(String node, Command command) {
        sink.send(node, command);
    }
}
