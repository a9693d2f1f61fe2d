package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Passes when a GET of {@code url} answers with {@code status} and, if {@code bodyMatch}
 * is given, a body in which that regular expression is found.
 */
public record HttpProbe(String name, ProbeTiming timing, String url, int status, Optional<String> bodyMatch)
        implements ProbeSpec {
    public HttpProbe {
        Require.notBlank("probe.name", name);
        Require.notNull("probe.timing", timing);
        HttpPut.requireUrl("http.url", url);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("http.status - must be an HTTP status, 100 to 599: " + status);
        }
        Require.notNull("http.bodyMatch", bodyMatch);
        bodyMatch.ifPresent(regex -> SendExpect.requireRegex("http.bodyMatch", regex));
    }

    public Optional<Pattern> bodyPattern() {
        return bodyMatch.map(Pattern::compile);
    }
}
