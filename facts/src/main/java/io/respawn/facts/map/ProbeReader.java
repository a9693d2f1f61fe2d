package io.respawn.facts.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code probes:} list. Each probe has a name, exactly one check (the key says
 * which kind) and optional timing; {@link ProbeStepReader} reads the checks.
 */
final class ProbeReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Problems problems;

    ProbeReader(Problems problems) {
        this.problems = problems;
    }

    /** The probes that read without a problem, at the line of the list. */
    Located<List<ProbeSpec>> read(YamlNode.Sequence list) {
        List<ProbeSpec> probes = new ArrayList<>();
        Map<String, Integer> firstLines = new HashMap<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.Mapping mapping)) {
                problems.add(item.line(), "probes: expected a probe ({name: ..., tcp: ...}), found " + item.describe());
                continue;
            }
            Section section = new Section(mapping, "probe \"" + rawName(mapping) + "\"", "", problems)
                    .allow(Keys.PROBE, key -> null);
            Located<String> name = name(section);
            if (name != null) {
                Integer first = firstLines.putIfAbsent(name.value(), name.line());
                if (first != null) {
                    problems.add(name.line(), "duplicate probe name \"" + name.value() + "\" (first declared at line "
                            + first + ")");
                }
            }
            ProbeTiming timing = timing(section);
            ProbeSpec probe = probe(section, name, timing);
            if (probe != null) {
                probes.add(probe);
            }
        }
        return new Located<>(List.copyOf(probes), list.line());
    }

    private Located<String> name(Section section) {
        if (!section.has("name")) {
            problems.add(section.line(), "probe: missing name");
            return null;
        }
        Located<String> name = section.text("name");
        if (name != null && !NAME.matcher(name.value()).matches()) {
            section.problem("name", name.line(), "bad name \"" + name.value()
                    + "\" (use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit)");
            return null;
        }
        return name;
    }

    private ProbeTiming timing(Section section) {
        Located<Duration> interval = section.duration("interval", Section.Bound.POSITIVE);
        Located<Duration> timeout = section.duration("timeout", Section.Bound.POSITIVE);
        Located<Duration> initialDelay = section.duration("initialDelay", Section.Bound.ZERO_OR_MORE);
        Located<Duration> jitter = section.duration("jitter", Section.Bound.ZERO_OR_MORE);
        if ((section.has("interval") && interval == null) || (section.has("timeout") && timeout == null)
                || (section.has("initialDelay") && initialDelay == null) || (section.has("jitter") && jitter == null)) {
            return null;
        }
        ProbeTiming defaults = ProbeTiming.DEFAULT;
        Duration i = interval == null ? defaults.interval() : interval.value();
        Duration t = timeout == null ? defaults.timeout() : timeout.value();
        if (t.compareTo(i) > 0) {
            int line = timeout != null ? timeout.line() : interval.line();
            problems.add(line, "timeout " + Durations.format(t) + (timeout == null ? " (the default)" : "")
                    + " must not exceed interval " + Durations.format(i)
                    + (interval == null ? " (the default)" : ""));
            return null;
        }
        return new ProbeTiming(i, t, initialDelay == null ? defaults.initialDelay() : initialDelay.value(),
                jitter == null ? defaults.jitter() : jitter.value());
    }

    private ProbeSpec probe(Section section, Located<String> name, ProbeTiming timing) {
        List<String> checks = Keys.PROBE_CHECKS.stream().filter(section::has).toList();
        if (checks.size() != 1) {
            problems.add(section.line(), section.subject() + (checks.isEmpty()
                    ? ": missing the check; write one of tcp, sendExpect, http, exec, roundTrip"
                    : ": more than one check (" + String.join(", ", checks) + "); a probe has exactly one"));
            return null;
        }
        String kind = checks.get(0);
        Section check = section.section(kind).orElse(null);
        if (check == null) {
            return null;
        }
        ProbeStepReader steps = new ProbeStepReader(problems);
        String n = name == null ? null : name.value();
        try {
            return switch (kind) {
                case "tcp" -> steps.tcp(check, n, timing);
                case "sendExpect" -> steps.sendExpect(check, n, timing);
                case "http" -> steps.http(check, n, timing);
                case "exec" -> steps.exec(check, n, timing);
                case "roundTrip" -> steps.roundTrip(check, n, timing);
                default -> throw new IllegalStateException("not a probe check: " + kind);
            };
        } catch (IllegalArgumentException e) {
            // a record's own check that the reader did not make first: still a problem with the map
            problems.add(check.line(), e.getMessage());
            return null;
        }
    }

    private static String rawName(YamlNode.Mapping mapping) {
        return mapping.entry("name").map(YamlNode.Entry::value)
                .filter(YamlNode.Scalar.class::isInstance).map(v -> ((YamlNode.Scalar) v).text()).orElse("?");
    }
}
