package io.respawn.engine.console;

import io.respawn.engine.service.EngineService;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** What the console reads from the engine for its status and metrics. */
record EngineGauges(IntSupplier agents, IntSupplier pending, Path journal, LongSupplier connectionsOverCap) {
    static EngineGauges of(EngineService engine) {
        return new EngineGauges(engine::agentsConnected, engine::pending, engine.journalFile(),
                () -> engine.gateway().closedOverCap());
    }
}
