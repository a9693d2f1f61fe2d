package io.respawn.facts.map;

/** How a round-trip probe reads its token back: {@link SendExpect}, {@link HttpGet} or {@link Exec}. */
public sealed interface RoundTripRead permits SendExpect, HttpGet, Exec {

    /**
     * This step for one run: every {@value RoundTripProbe#TOKEN} replaced by {@code token}
     * (quoted where it goes into a regular expression).
     *
     * @param token 1-64 letters, digits and '-'
     */
    RoundTripRead withToken(String token);

    /** Whether {@value RoundTripProbe#TOKEN} appears anywhere in the step. */
    boolean usesToken();
}
