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

    /**
     * True if the decision was carried out already, here or by an earlier life of the agent
     * (whose memory is on disk): delivered again, it is not carried out a second time.
     */
    default boolean executed(String decision) {
        return false;
    }
}
