package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Anything the engine knows: an observation it was told, a belief the rules derived,
 * a decision the rules made. Every fact has an {@code id} unique within its log and
 * the time {@code at} which the engine's clock placed it.
 *
 * <p>The full list of types and fields is in docs/facts.md.
 */
public interface Fact {
    String id();

    Instant at();

    /** {@link #at()} in epoch milliseconds: the event timestamp the rule session uses. */
    @JsonIgnore
    default long getAtMillis() {
        return at().toEpochMilli();
    }
}
