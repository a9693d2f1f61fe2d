package io.respawn.facts.map;

import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves declarations into the model: each group and component gets its settings from
 * its own keys, then the nearest {@code defaults:} above it, then farther ones, then the
 * built-in defaults. A group's own {@code cureWindow} and {@code intensity} also pass to
 * the groups below it, as if written in its {@code defaults:}.
 */
final class TreeBuilder {
    private final Problems problems;
    /** Whether the map was clean before resolution; if not, no record is built (it would fail on what is reported). */
    private final boolean clean;

    private TreeBuilder(Problems problems) {
        this.problems = problems;
        this.clean = !problems.any();
    }

    /**
     * The resolved tree, or empty when the map has problems. Settings are resolved and
     * checked (missing node, heartbeat) even then, so that those problems are reported too.
     */
    static Optional<Group> build(Declaration.GroupDecl root, Settings topDefaults, Problems problems) {
        return Optional.ofNullable(new TreeBuilder(problems).group(root, topDefaults));
    }

    /** @param inherited what the layers above leave to this group */
    private Group group(Declaration.GroupDecl declaration, Settings inherited) {
        Settings settings = inherited.under(declaration.own());
        Settings forChildren = settings.under(declaration.defaults());
        List<Child> children = new ArrayList<>();
        boolean complete = declaration.name() != null && !declaration.children().isEmpty();
        for (Declaration child : declaration.children()) {
            Child built = child instanceof Declaration.GroupDecl g
                    ? group(g, forChildren)
                    : component((Declaration.ComponentDecl) child, forChildren);
            complete &= built != null;
            children.add(built);
        }
        Backoff backoff = backoff(settings);
        if (!complete || !clean || backoff == null) {
            return null;
        }
        Duration cureWindow = settings.value(Setting.CURE_WINDOW, BuiltIn.CURE_WINDOW);
        Intensity intensity = new Intensity(settings.value(Setting.RESTARTS, BuiltIn.INTENSITY_RESTARTS),
                settings.value(Setting.PERIOD, BuiltIn.INTENSITY_PERIOD));
        return built(declaration, () -> new Group(GroupId.of(declaration.name().value()), cureWindow, intensity,
                children, backoff));
    }

    /** The group's back-off, or null when its max is below its initial wait (reported). */
    private Backoff backoff(Settings settings) {
        Located<Duration> initial = settings.get(Setting.BACKOFF_INITIAL);
        Located<Duration> max = settings.get(Setting.BACKOFF_MAX);
        Duration initialValue = initial == null ? BuiltIn.BACKOFF_INITIAL : initial.value();
        Duration maxValue = max == null ? BuiltIn.BACKOFF_MAX : max.value();
        if (maxValue.compareTo(initialValue) < 0) {
            int line = Math.max(initial == null ? 0 : initial.line(), max == null ? 0 : max.line());
            problems.add(line, "backoff: max " + Durations.format(maxValue) + (max == null ? " (the default)" : "")
                    + " must not be less than initial " + Durations.format(initialValue)
                    + (initial == null ? " (the default)" : ""));
            return null;
        }
        return new Backoff(initialValue, maxValue);
    }

    private Component component(Declaration.ComponentDecl declaration, Settings inherited) {
        Settings settings = inherited.under(declaration.own());
        Located<String> node = settings.get(Setting.NODE);
        if (node == null) {
            problems.add(declaration.line(), "component " + quoted(declaration) + ": missing node"
                    + " (set node: on the component or in defaults:)");
        }
        Optional<HeartbeatSettings> heartbeat = heartbeat(settings);
        if (!clean || declaration.name() == null || declaration.command() == null || node == null
                || heartbeat == null) {
            return null;
        }
        return built(declaration, () -> new Component(
                ComponentId.of(declaration.name().value()),
                node.value(),
                declaration.command().value(),
                declaration.workdir(),
                declaration.env(),
                settings.value(Setting.RESTART, BuiltIn.RESTART),
                declaration.after().stream().map(a -> ComponentId.of(a.value())).toList(),
                settings.value(Setting.STOP_GRACE, BuiltIn.STOP_GRACE),
                settings.value(Setting.STARTUP_GRACE, BuiltIn.STARTUP_GRACE),
                heartbeat,
                new Limits(settings.value(Setting.RSS, 0L), settings.value(Setting.RSS_SAMPLES, BuiltIn.RSS_SAMPLES),
                        settings.value(Setting.CPU, 0.0), settings.value(Setting.CPU_FOR, BuiltIn.CPU_FOR)),
                settings.value(Setting.PROBES, List.of()),
                new ProbeThresholds(settings.value(Setting.PROBE_FAILURES, BuiltIn.PROBE_FAILURES),
                        settings.value(Setting.PROBE_ERRORS, BuiltIn.PROBE_ERRORS))));
    }

    /** Empty for no heartbeat; null when the interval and timeout do not fit together (reported). */
    private Optional<HeartbeatSettings> heartbeat(Settings settings) {
        Located<Duration> interval = settings.get(Setting.HEARTBEAT_INTERVAL);
        Located<Duration> timeout = settings.get(Setting.HEARTBEAT_TIMEOUT);
        if (interval == null && timeout == null) {
            return Optional.empty();
        }
        if (interval == null || timeout == null) {
            Located<Duration> present = interval == null ? timeout : interval;
            problems.add(present.line(), "heartbeat: missing " + (interval == null ? "interval" : "timeout")
                    + " (a heartbeat needs both interval and timeout)");
            return null;
        }
        if (timeout.value().compareTo(interval.value()) <= 0) {
            problems.add(Math.max(interval.line(), timeout.line()), "heartbeat: timeout "
                    + Durations.format(timeout.value()) + " must be greater than interval "
                    + Durations.format(interval.value()));
            return null;
        }
        return Optional.of(new HeartbeatSettings(interval.value(), timeout.value()));
    }

    /** Builds a record; a constructor check that the reader did not make first is still reported, not thrown. */
    private <T> T built(Declaration declaration, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            problems.add(declaration.line(), quoted(declaration) + ": " + e.getMessage());
            return null;
        }
    }

    private static String quoted(Declaration declaration) {
        return declaration.name() == null ? "(unnamed)" : "\"" + declaration.name().value() + "\"";
    }
}
