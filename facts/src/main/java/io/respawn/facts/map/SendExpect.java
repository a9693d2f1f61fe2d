package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A line exchange with a TCP server: connect to {@code host:port}, write {@code send} and
 * a newline (nothing if {@code send} is empty), and pass when the regular expression
 * {@code expect} is found in what the server answers before the timeout.
 */
public record SendExpect(String host, int port, String send, String expect) implements RoundTripWrite, RoundTripRead {
    public SendExpect {
        Require.notBlank("sendExpect.host", host);
        requirePort("sendExpect.port", port);
        Require.notNull("sendExpect.send", send);
        Require.notNull("sendExpect.expect", expect);
        requireRegex("sendExpect.expect", expect.replace(RoundTripProbe.TOKEN, "token"));
    }

    public Pattern expectPattern() {
        return Pattern.compile(expect);
    }

    @Override
    public SendExpect withToken(String token) {
        RoundTripProbe.requireToken(token);
        return new SendExpect(host, port, send.replace(RoundTripProbe.TOKEN, token),
                expect.replace(RoundTripProbe.TOKEN, Pattern.quote(token)));
    }

    @Override
    public boolean usesToken() {
        return send.contains(RoundTripProbe.TOKEN) || expect.contains(RoundTripProbe.TOKEN);
    }

    static void requirePort(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " - must be a TCP port, 1 to 65535: " + port);
        }
    }

    static void requireRegex(String field, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " - not a regular expression: \"" + regex + "\"", e);
        }
    }
}
