package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.util.regex.Pattern;

/**
 * A round-trip read: GET {@code url}; passes on status 200 with a body in which the
 * regular expression {@code bodyMatch} is found.
 */
public record HttpGet(String url, String bodyMatch) implements RoundTripRead {
    public HttpGet {
        HttpPut.requireUrl("httpGet.url", url);
        Require.notBlank("httpGet.bodyMatch", bodyMatch);
        SendExpect.requireRegex("httpGet.bodyMatch", bodyMatch.replace(RoundTripProbe.TOKEN, "token"));
    }

    public Pattern bodyPattern() {
        return Pattern.compile(bodyMatch);
    }

    @Override
    public HttpGet withToken(String token) {
        RoundTripProbe.requireToken(token);
        return new HttpGet(url.replace(RoundTripProbe.TOKEN, token),
                bodyMatch.replace(RoundTripProbe.TOKEN, Pattern.quote(token)));
    }

    @Override
    public boolean usesToken() {
        return url.contains(RoundTripProbe.TOKEN) || bodyMatch.contains(RoundTripProbe.TOKEN);
    }
}
