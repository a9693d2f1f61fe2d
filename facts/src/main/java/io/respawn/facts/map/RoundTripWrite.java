package io.respawn.facts.map;

/** How a round-trip probe writes its token: {@link SendExpect}, {@link HttpPut} or {@link Exec}. */
public sealed interface RoundTripWrite permits SendExpect, HttpPut, Exec {

    /**
     * This step for one run: every {@value RoundTripProbe#TOKEN} replaced by {@code token}
     * (quoted where it goes into a regular expression).
     *
     * @param token 1-64 letters, digits and '-'
     */
    RoundTripWrite withToken(String token);

    /** Whether {@value RoundTripProbe#TOKEN} appears anywhere in the step. */
    boolean usesToken();
}
