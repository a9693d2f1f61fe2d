package io.respawn.facts.log;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import java.time.Instant;

/**
 * Reads a heartbeat line in exactly the form the log writes it, without Jackson:
 * {@code {"type":"heartbeat","id":"…","at":"…","component":"…","gpid":"…","status":"OK","seq":7}}
 * with an optional {@code ,"observedAt":"…"} before the closing brace, no white space and no
 * escapes in the strings. Heartbeats are nearly every line of a journal, and binding them
 * field by field through the databind layer was the largest cost of a replay.
 *
 * <p>Anything else — another field order, spaces, an escape, a value the record refuses —
 * gives null, and the caller reads the line with Jackson as before, so the errors and
 * what is accepted do not change.
 */
final class HeartbeatLine {
    static final String PREFIX = "{\"type\":\"heartbeat\",";

    private final String text;
    private int pos;

    private HeartbeatLine(String text) {
        this.text = text;
        this.pos = PREFIX.length();
    }

    /**
     * {@code beat} as Jackson writes it in the log, character for character, built by hand:
     * at an engine's full rate writing the journal's lines is the largest part of its loop.
     * Null when a string would need escaping or a time falls outside the years 0001–9999;
     * the caller then writes it with Jackson. {@code HeartbeatLineTest} compares both.
     */
    static String format(Heartbeat beat) {
        String component = beat.component().name();
        if (!plain(beat.id()) || !plain(component) || !plain(beat.gpid())) {
            return null;
        }
        StringBuilder line = new StringBuilder(200).append(PREFIX)
                .append("\"id\":\"").append(beat.id())
                .append("\",\"at\":\"");
        if (!FactJson.formatTo(line, beat.at())) {
            return null;
        }
        line.append("\",\"component\":\"").append(component)
                .append("\",\"gpid\":\"").append(beat.gpid())
                .append("\",\"status\":\"").append(beat.status().name())
                .append("\",\"seq\":").append(beat.seq());
        if (beat.observedAt() != null) {
            line.append(",\"observedAt\":\"");
            if (!FactJson.formatTo(line, beat.observedAt())) {
                return null;
            }
            line.append('"');
        }
        return line.append('}').toString();
    }

    /** Printable ASCII without a quote or a backslash: written as it is. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The heartbeat on {@code text}, or null if the line is not in the written form. */
    static Heartbeat parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        try {
            return new HeartbeatLine(text).read();
        } catch (IllegalArgumentException e) {
            return null;    // Jackson reads it again and names the problem
        }
    }

    private Heartbeat read() {
        String id = stringField("id", true);
        String at = stringField("at", true);
        String component = stringField("component", true);
        String gpid = stringField("gpid", true);
        String status = stringField("status", true);
        long seq = longField("seq");
        String observedAt = null;
        if (text.startsWith(",\"observedAt\":", pos)) {
            pos++;
            observedAt = stringField("observedAt", false);
        }
        if (id == null || at == null || component == null || gpid == null || status == null || seq < 0
                || pos != text.length() - 1 || text.charAt(pos) != '}') {
            return null;
        }
        HeartbeatStatus parsedStatus = switch (status) {
            case "OK" -> HeartbeatStatus.OK;
            case "DEGRADED" -> HeartbeatStatus.DEGRADED;
            case "FAILED" -> HeartbeatStatus.FAILED;
            default -> null;
        };
        if (parsedStatus == null) {
            return null;
        }
        Instant observed = observedAt == null ? null : FactJson.parseInstant(observedAt);
        return new Heartbeat(id, FactJson.parseInstant(at), ComponentId.of(component), gpid, parsedStatus, seq,
                observed);
    }

    /** {@code "name":"value"} then a comma (unless {@code last} is false: then no comma is read); null if not there. */
    private String stringField(String name, boolean commaAfter) {
        if (!name(name) || pos >= text.length() || text.charAt(pos) != '"') {
            return null;
        }
        int start = ++pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String value = text.substring(start, pos++);
                if (commaAfter) {
                    if (pos >= text.length() || text.charAt(pos) != ',') {
                        return null;
                    }
                    pos++;
                }
                return value;
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            pos++;
        }
        return null;
    }

    /** {@code "name":digits}; -1 if not there. */
    private long longField(String name) {
        if (!name(name)) {
            return -1;
        }
        int start = pos;
        long value = 0;
        while (pos < text.length() && pos - start < 18) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            pos++;
        }
        boolean leadingZero = pos - start > 1 && text.charAt(start) == '0';
        return pos == start || leadingZero ? -1 : value;
    }

    private boolean name(String name) {
        int end = pos + name.length() + 3;
        if (end > text.length() || text.charAt(pos) != '"' || !text.startsWith(name, pos + 1)
                || text.charAt(pos + name.length() + 1) != '"' || text.charAt(pos + name.length() + 2) != ':') {
            return false;
        }
        pos = end;
        return true;
    }
}
