package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A round-trip write: PUT {@code body} to {@code url}; passes on a 2xx status. */
public record HttpPut(String url, String body) implements RoundTripWrite {
    public HttpPut {
        requireUrl("httpPut.url", url);
        Require.notNull("httpPut.body", body);
    }

    @Override
    public HttpPut withToken(String token) {
        RoundTripProbe.requireToken(token);
        return new HttpPut(url.replace(RoundTripProbe.TOKEN, token), body.replace(RoundTripProbe.TOKEN, token));
    }

    @Override
    public boolean usesToken() {
        return url.contains(RoundTripProbe.TOKEN) || body.contains(RoundTripProbe.TOKEN);
    }

    /** An absolute http or https URL with a host, once any {@value RoundTripProbe#TOKEN} is filled in. */
    static void requireUrl(String field, String url) {
        Require.notBlank(field, url);
        try {
            URI uri = new URI(url.replace(RoundTripProbe.TOKEN, "token"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(field + " - must be an http or https URL with a host: \""
                        + url + "\"");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " - not a URL: \"" + url + "\"", e);
        }
    }
}
