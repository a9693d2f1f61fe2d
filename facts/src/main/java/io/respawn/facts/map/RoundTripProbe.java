package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.util.regex.Pattern;

/**
 * Writes a value and reads it back, the iRoom's end-to-end test ("put a tuple into the
 * event heap and read it back"). Each run makes a fresh token and puts it wherever
 * {@value #TOKEN} is written in {@code write} and {@code readBack} (see
 * {@link RoundTripWrite#withToken}); the run passes when both steps pass.
 */
public record RoundTripProbe(String name, ProbeTiming timing, RoundTripWrite write, RoundTripRead readBack)
        implements ProbeSpec {
    /** Where a run's token goes. */
    public static final String TOKEN = "{token}";

    private static final Pattern TOKEN_TEXT = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public RoundTripProbe {
        Require.notBlank("probe.name", name);
        Require.notNull("probe.timing", timing);
        Require.notNull("roundTrip.write", write);
        Require.notNull("roundTrip.readBack", readBack);
    }

    /** A token is 1-64 letters, digits and '-', so it is safe in a URL, a command and a line of text. */
    static String requireToken(String token) {
        if (token == null || !TOKEN_TEXT.matcher(token).matches()) {
            throw new IllegalArgumentException("roundTrip.token - must be 1-64 letters, digits or '-': "
                    + (token == null ? "null" : "\"" + token + "\""));
        }
        return token;
    }
}
