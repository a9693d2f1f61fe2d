package io.respawn.faults;

import java.util.HashMap;
import java.util.Map;

/**
 * Follows one agent's ledger as it grows: for the agent's latest run, the last fact it
 * numbered and the last its engine acknowledged. The suite waits on it; the checker reads
 * the ledgers whole, on its own.
 */
final class LedgerWatch {
    private final JsonLines lines;
    private final Map<String, Long> sent = new HashMap<>();
    private final Map<String, Long> acked = new HashMap<>();
    private String latest;

    LedgerWatch(java.nio.file.Path ledger) {
        this.lines = new JsonLines(ledger);
    }

    /** True once every fact the agent's latest run numbered is acknowledged. */
    boolean allAcknowledged() {
        lines.readNew(entry -> {
            String event = entry.path("event").asText();
            String incarnation = entry.path("incarnation").asText();
            if (event.equals("sent")) {
                latest = incarnation;
                sent.merge(incarnation, entry.path("seq").asLong(), Math::max);
            } else if (event.equals("acked")) {
                latest = incarnation;
                acked.merge(incarnation, entry.path("upTo").asLong(), Math::max);
            }
        });
        return latest != null && acked.getOrDefault(latest, 0L) >= sent.getOrDefault(latest, 0L);
    }
}
