package io.respawn.agent.link;

import io.respawn.wire.Command;
import java.util.Optional;

/** Carries out a command from the engine on this node. */
@FunctionalInterface
public interface CommandHandler {
    /**
     * Carries out {@code command}, which names a group or component of the restart map.
     *
     * @return empty when carried out (its outcome is reported as facts), or why it was refused
     */
    Optional<String> execute(Command command);
}
