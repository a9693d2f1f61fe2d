package io.respawn.probes;

import io.respawn.facts.map.HttpGet;
import io.respawn.facts.map.HttpProbe;
import io.respawn.facts.map.HttpPut;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request a probe makes and what its answer must be, whatever carries it.
 *
 * @param body      what a PUT sends; empty for a GET
 * @param status    the status a GET must answer with; a PUT accepts any 2xx
 * @param bodyMatch a regular expression the answer's body must contain
 */
record HttpCall(Method method, URI uri, String body, int status, Optional<String> bodyMatch) {

    enum Method { GET, PUT }

    static HttpCall of(HttpProbe probe) {
        return new HttpCall(Method.GET, URI.create(probe.url()), "", probe.status(), probe.bodyMatch());
    }

    static HttpCall of(HttpGet get) {
        return new HttpCall(Method.GET, URI.create(get.url()), "", 200, Optional.of(get.bodyMatch()));
    }

    static HttpCall of(HttpPut put) {
        return new HttpCall(Method.PUT, URI.create(put.url()), put.body(), 200, Optional.empty());
    }

    boolean isTls() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    Endpoint endpoint() {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : isTls() ? 443 : 80;
        return new Endpoint(host, port);
    }

    /** Judges an answer; {@code elapsedMillis} goes into the detail. */
    Outcome judge(int answered, String answerBody, long elapsedMillis) {
        String got = answerBody.isBlank() ? "" : ": " + Evidence.quote(answerBody);
        if (!statusAccepted(answered)) {
            return Outcome.fail(method + " " + uri + " - expected status " + statusWanted() + ", got " + answered + got);
        }
        if (bodyMatch.isPresent()) {
            Matcher match = Pattern.compile(bodyMatch.get()).matcher(answerBody);
            if (!match.find()) {
                return Outcome.fail(method + " " + uri + " - status " + answered + " but body does not match "
                        + Evidence.regex(bodyMatch.get()) + (got.isEmpty() ? ": (empty)" : got));
            }
        }
        return Outcome.pass(method + " " + uri + " - status " + answered
                + bodyMatch.map(regex -> ", body matches " + Evidence.regex(regex)).orElse("")
                + " after " + elapsedMillis + "ms");
    }

    private boolean statusAccepted(int answered) {
        return method == Method.PUT ? answered >= 200 && answered < 300 : answered == status;
    }

    private String statusWanted() {
        return method == Method.PUT ? "2xx" : Integer.toString(status);
    }
}
