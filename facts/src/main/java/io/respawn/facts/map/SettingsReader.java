package io.respawn.facts.map;

import io.respawn.facts.RestartType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the inheritable keys of one section (a {@code defaults:}, a group, a component)
 * into a {@link Settings} layer. Which keys a section may hold is checked by its caller;
 * this reads those of {@code keys} that are present.
 */
final class SettingsReader {
    private static final int MAX = Integer.MAX_VALUE;

    private final Section section;
    private Settings out = Settings.NONE;

    private SettingsReader(Section section) {
        this.section = section;
    }

    static Settings read(Section section, List<String> keys) {
        SettingsReader reader = new SettingsReader(section);
        keys.stream().filter(section::has).forEach(reader::read);
        return reader.out;
    }

    private void read(String key) {
        switch (key) {
            case "node" -> out = out.with(Setting.NODE, section.text(key));
            case "restart" -> out = out.with(Setting.RESTART, restartType());
            case "stopGrace" -> out = out.with(Setting.STOP_GRACE, section.duration(key, Section.Bound.ZERO_OR_MORE));
            case "startupGrace" ->
                    out = out.with(Setting.STARTUP_GRACE, section.duration(key, Section.Bound.ZERO_OR_MORE));
            case "heartbeat" -> heartbeat();
            case "limits" -> limits();
            case "probes" -> section.sequence(key)
                    .ifPresent(list -> out = out.with(Setting.PROBES, new ProbeReader(section.problems()).read(list)));
            case "probeThresholds" -> probeThresholds();
            case "cureWindow" -> out = out.with(Setting.CURE_WINDOW, section.duration(key, Section.Bound.ZERO_OR_MORE));
            case "intensity" -> intensity();
            case "backoff" -> backoff();
            default -> throw new IllegalStateException("not an inheritable key: " + key);
        }
    }

    private Located<RestartType> restartType() {
        Located<String> text = section.text("restart");
        if (text == null) {
            return null;
        }
        try {
            return new Located<>(RestartType.valueOf(text.value().strip().toUpperCase(Locale.ROOT)), text.line());
        } catch (IllegalArgumentException e) {
            section.problem("restart", text.line(), "unknown restart type \"" + text.value()
                    + "\" (write permanent, transient or temporary)");
            return null;
        }
    }

    private void heartbeat() {
        Optional<YamlNode> node = section.node("heartbeat");
        if (node.isPresent() && node.get() instanceof YamlNode.Scalar s && s.text().strip().equals("none")) {
            out = out.with(Setting.HEARTBEAT_NONE, new Located<>(true, s.line()));
            return;
        }
        if (node.isPresent() && !(node.get() instanceof YamlNode.Mapping)) {
            section.problem("heartbeat", node.get().line(), "expected {interval: ..., timeout: ...} or none, found "
                    + node.get().describe());
            return;
        }
        section.section("heartbeat").ifPresent(hb -> {
            hb.allow(Keys.HEARTBEAT, key -> null);
            Located<Duration> interval = hb.duration("interval", Section.Bound.POSITIVE);
            Located<Duration> timeout = hb.duration("timeout", Section.Bound.POSITIVE);
            out = out.with(Setting.HEARTBEAT_INTERVAL, interval).with(Setting.HEARTBEAT_TIMEOUT, timeout);
        });
    }

    private void limits() {
        section.section("limits").ifPresent(limits -> {
            limits.allow(Keys.LIMITS, key -> null);
            out = out.with(Setting.RSS, limits.size("rss"))
                    .with(Setting.RSS_SAMPLES, limits.whole("rssSamples", 1, MAX))
                    .with(Setting.CPU, limits.percent("cpu"))
                    .with(Setting.CPU_FOR, limits.duration("cpuFor", Section.Bound.ZERO_OR_MORE));
        });
    }

    private void probeThresholds() {
        section.section("probeThresholds").ifPresent(thresholds -> {
            thresholds.allow(Keys.PROBE_THRESHOLDS, key -> null);
            out = out.with(Setting.PROBE_FAILURES, thresholds.whole("failures", 1, MAX))
                    .with(Setting.PROBE_ERRORS, thresholds.whole("errors", 1, MAX));
        });
    }

    private void intensity() {
        section.section("intensity").ifPresent(intensity -> {
            intensity.allow(Keys.INTENSITY, key -> null);
            out = out.with(Setting.RESTARTS, intensity.whole("restarts", 1, MAX))
                    .with(Setting.PERIOD, intensity.duration("period", Section.Bound.POSITIVE));
        });
    }

    private void backoff() {
        section.section("backoff").ifPresent(backoff -> {
            backoff.allow(Keys.BACKOFF, key -> null);
            out = out.with(Setting.BACKOFF_INITIAL, backoff.duration("initial", Section.Bound.ZERO_OR_MORE))
                    .with(Setting.BACKOFF_MAX, backoff.duration("max", Section.Bound.ZERO_OR_MORE));
        });
    }
}
