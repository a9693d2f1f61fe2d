package io.respawn.facts.map;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Reads the check of one probe: {@code tcp}, {@code sendExpect}, {@code http}, {@code exec}, {@code roundTrip}. */
final class ProbeStepReader {
    /** Whether {@value RoundTripProbe#TOKEN} is filled in before a regular expression is used. */
    enum Tokens { LITERAL, SUBSTITUTED }

    private static final int DEFAULT_STATUS = 200;

    private final Problems problems;

    ProbeStepReader(Problems problems) {
        this.problems = problems;
    }

    /*
     * Each probe reader returns the probe, or null if anything in it is wrong (reported),
     * or its name or timing is (null here, reported by the caller).
     */

    ProbeSpec tcp(Section tcp, String name, ProbeTiming timing) {
        tcp.allow(Keys.TCP, key -> null);
        Located<String> host = required(tcp, "host", tcp::text);
        Located<Integer> port = required(tcp, "port", key -> tcp.whole(key, 1, 65535));
        return name == null || timing == null || host == null || port == null ? null
                : new TcpProbe(name, timing, host.value(), port.value());
    }

    ProbeSpec sendExpect(Section exchange, String name, ProbeTiming timing) {
        Optional<SendExpect> read = exchange(exchange, Tokens.LITERAL);
        return name == null || timing == null || read.isEmpty() ? null : new SendExpectProbe(name, timing, read.get());
    }

    ProbeSpec exec(Section exec, String name, ProbeTiming timing) {
        Optional<Exec> read = command(exec);
        return name == null || timing == null || read.isEmpty() ? null : new ExecProbe(name, timing, read.get());
    }

    private Optional<SendExpect> exchange(Section exchange, Tokens tokens) {
        exchange.allow(Keys.SEND_EXPECT, key -> null);
        Located<String> host = required(exchange, "host", exchange::text);
        Located<Integer> port = required(exchange, "port", key -> exchange.whole(key, 1, 65535));
        Located<String> send = exchange.textOrEmpty("send");
        Located<String> expect = required(exchange, "expect", key -> regex(exchange, key, tokens));
        if (host == null || port == null || expect == null || (exchange.has("send") && send == null)) {
            return Optional.empty();
        }
        String sent = send == null ? "" : send.value();
        return Optional.of(new SendExpect(host.value(), port.value(), sent, expect.value()));
    }

    ProbeSpec http(Section http, String name, ProbeTiming timing) {
        http.allow(Keys.HTTP, key -> null);
        Located<String> url = required(http, "url", key -> url(http, key));
        Located<Integer> status = http.whole("status", 100, 599);
        Located<String> bodyMatch = regex(http, "bodyMatch", Tokens.LITERAL);
        if (name == null || timing == null || url == null || (http.has("status") && status == null)
                || (http.has("bodyMatch") && bodyMatch == null)) {
            return null;
        }
        return new HttpProbe(name, timing, url.value(), status == null ? DEFAULT_STATUS : status.value(),
                Optional.ofNullable(bodyMatch).map(Located::value));
    }

    private Optional<Exec> command(Section exec) {
        exec.allow(Keys.EXEC, key -> null);
        return Optional.ofNullable(required(exec, "command", exec::argv)).map(argv -> new Exec(argv.value()));
    }

    ProbeSpec roundTrip(Section roundTrip, String name, ProbeTiming timing) {
        roundTrip.allow(Keys.ROUND_TRIP, key -> Keys.WRITE_STEPS.contains(key) || Keys.READ_STEPS.contains(key)
                ? "put each step under write: or readBack:, e.g. write: {" + key + ": {...}}" : null);
        Optional<RoundTripWrite> write = step(roundTrip, "write", Keys.WRITE_STEPS).map(this::write);
        Optional<RoundTripRead> readBack = step(roundTrip, "readBack", Keys.READ_STEPS).map(this::read);
        write.filter(w -> !w.usesToken()).ifPresent(w -> problems.add(roundTrip.lineOf("write"),
                "roundTrip.write: does not use " + RoundTripProbe.TOKEN
                        + "; write the run's token so readBack can find it"));
        readBack.filter(r -> !r.usesToken()).ifPresent(r -> problems.add(roundTrip.lineOf("readBack"),
                "roundTrip.readBack: does not use " + RoundTripProbe.TOKEN
                        + "; check that the token written comes back"));
        if (name == null || timing == null || write.isEmpty() || readBack.isEmpty()
                || !write.get().usesToken() || !readBack.get().usesToken()) {
            return null;
        }
        return new RoundTripProbe(name, timing, write.get(), readBack.get());
    }

    /** The one step kind under {@code write:} or {@code readBack:}, as a section named by its kind. */
    private Optional<Section> step(Section roundTrip, String key, List<String> kinds) {
        if (!roundTrip.has(key)) {
            roundTrip.missing(key, " (one of " + String.join(", ", kinds) + ")");
            return Optional.empty();
        }
        Optional<Section> step = roundTrip.section(key);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        List<String> present = kinds.stream().filter(step.get()::has).toList();
        if (present.size() != 1) {
            problems.add(step.get().line(), "roundTrip." + key + ": " + stepMistake(step.get(), key, kinds, present));
            return Optional.empty();
        }
        step.get().allow(kinds, k -> null);
        return step.get().section(present.get(0));
    }

    private static String stepMistake(Section step, String key, List<String> kinds, List<String> present) {
        String choices = String.join(", ", kinds);
        if (present.size() > 1) {
            return "more than one step (" + String.join(", ", present) + "); write exactly one";
        }
        Optional<String> otherWay = Stream.of("httpGet", "httpPut").filter(step::has).findFirst();
        if (otherWay.isPresent()) {
            return otherWay.get() + " is not a " + key + " step; write one of " + choices;
        }
        return "missing the step; write one of " + choices + ", e.g. " + key + ": {" + kinds.get(0)
                + ": {host: ..., port: ..., send: ..., expect: ...}}";
    }

    private RoundTripWrite write(Section step) {
        return switch (kindOf(step)) {
            case "sendExpect" -> exchange(step, Tokens.SUBSTITUTED).orElse(null);
            case "httpPut" -> httpPut(step);
            default -> command(step).orElse(null);
        };
    }

    private RoundTripRead read(Section step) {
        return switch (kindOf(step)) {
            case "sendExpect" -> exchange(step, Tokens.SUBSTITUTED).orElse(null);
            case "httpGet" -> httpGet(step);
            default -> command(step).orElse(null);
        };
    }

    private HttpPut httpPut(Section put) {
        put.allow(Keys.HTTP_PUT, key -> null);
        Located<String> url = required(put, "url", key -> url(put, key));
        Located<String> body = required(put, "body", put::textOrEmpty);
        return url == null || body == null ? null : new HttpPut(url.value(), body.value());
    }

    private HttpGet httpGet(Section get) {
        get.allow(Keys.HTTP_GET, key -> null);
        Located<String> url = required(get, "url", key -> url(get, key));
        Located<String> bodyMatch = required(get, "bodyMatch", key -> regex(get, key, Tokens.SUBSTITUTED));
        return url == null || bodyMatch == null ? null : new HttpGet(url.value(), bodyMatch.value());
    }

    /** The step's kind: the last part of its section's path ({@code roundTrip.write.httpPut}). */
    private static String kindOf(Section step) {
        String subject = step.subject();
        return subject.substring(subject.lastIndexOf('.') + 1);
    }

    private static <T> Located<T> required(Section section, String key, Function<String, Located<T>> read) {
        if (!section.has(key)) {
            section.missing(key, "");
            return null;
        }
        return read.apply(key);
    }

    private static Located<String> regex(Section section, String key, Tokens tokens) {
        Located<String> text = section.text(key);
        if (text == null) {
            return null;
        }
        String regex = tokens == Tokens.SUBSTITUTED
                ? text.value().replace(RoundTripProbe.TOKEN, "token")
                : text.value();
        try {
            Pattern.compile(regex);
            return text;
        } catch (PatternSyntaxException e) {
            String hint = tokens == Tokens.LITERAL && text.value().contains(RoundTripProbe.TOKEN)
                    ? "; " + RoundTripProbe.TOKEN + " is filled in only in a roundTrip probe" : "";
            section.problem(key, text.line(), "bad regular expression \"" + text.value() + "\": " + e.getDescription()
                    + " at index " + e.getIndex() + hint);
            return null;
        }
    }

    private static Located<String> url(Section section, String key) {
        Located<String> text = section.text(key);
        if (text == null) {
            return null;
        }
        try {
            HttpPut.requireUrl(key, text.value());
            return text;
        } catch (IllegalArgumentException e) {
            section.problem(key, text.line(), "bad URL \"" + text.value()
                    + "\" (write an http or https URL, e.g. http://127.0.0.1:8080/health)");
            return null;
        }
    }
}
