package io.respawn.wire;

import io.respawn.facts.Heartbeat;
import io.respawn.facts.Observation;
import io.respawn.facts.log.FactJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code facts} frame of heartbeats, written and read by hand in exactly the form the
 * mapper gives: {@code {"kind":"facts","facts":[{"seq":1,"fact":{"type":"heartbeat",…}},…]}}.
 * Heartbeats are nearly every fact an agent sends, and binding them through the databind
 * layer was nearly all the work of the engine's I/O thread at full rate.
 *
 * <p>Anything else — another fact in the frame, another field order, white space, an
 * escape, a value the records refuse — gives null, and {@link FrameCodec} takes the
 * frame through the mapper as before, so what is accepted and the error messages do not
 * change. {@code FrameCodecTest} compares both ways.
 */
final class FactFrames {
    private static final String HEAD = "{\"kind\":\"facts\",\"facts\":[";
    private static final String ITEM = "{\"seq\":";
    private static final String FACT = ",\"fact\":";

    private FactFrames() {
    }

    /** The frame's bytes if every fact in it is a heartbeat the mapper would write the same; else null. */
    static byte[] encode(FactBatch batch) {
        StringBuilder json = new StringBuilder(64 + 200 * batch.facts().size()).append(HEAD);
        boolean first = true;
        for (SequencedFact sequenced : batch.facts()) {
            if (!(sequenced.fact() instanceof Heartbeat beat)) {
                return null;
            }
            String fact = FactJson.writeHeartbeat(beat);
            if (fact == null) {
                return null;
            }
            json.append(first ? "" : ",").append(ITEM).append(sequenced.seq()).append(FACT).append(fact).append('}');
            first = false;
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The frame if {@code json} is a {@code facts} frame of heartbeats in the written form; else null. */
    static FactBatch decode(byte[] json) {
        if (json.length < HEAD.length() + 2 || json[2] != 'k' || json[9] != 'f') {
            return null;    // not even the start of a facts frame: leave it at once
        }
        String text = new String(json, StandardCharsets.ISO_8859_1);    // ASCII only is read here
        if (!text.startsWith(HEAD) || !text.endsWith("]}")) {
            return null;
        }
        List<SequencedFact> facts = new ArrayList<>();
        int pos = HEAD.length();
        int end = text.length() - 2;
        while (pos < end) {
            if (!facts.isEmpty()) {
                if (text.charAt(pos) != ',') {
                    return null;
                }
                pos++;
            }
            if (!text.startsWith(ITEM, pos)) {
                return null;
            }
            pos += ITEM.length();
            int digits = pos;
            long seq = 0;
            while (pos < end && pos - digits < 18 && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                seq = seq * 10 + (text.charAt(pos++) - '0');
            }
            if (pos == digits || text.charAt(digits) == '0' || !text.startsWith(FACT, pos)) {
                return null;
            }
            pos += FACT.length();
            int close = objectEnd(text, pos, end);
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != '}') {
                return null;
            }
            Observation fact = FactJson.readHeartbeat(text.substring(pos, close + 1));
            if (fact == null) {
                return null;
            }
            facts.add(new SequencedFact(seq, fact));
            pos = close + 2;
        }
        return pos == end && !facts.isEmpty() ? new FactBatch(facts) : null;
    }

    /** Where the flat object starting at {@code start} closes: strings without escapes, no object inside; else -1. */
    private static int objectEnd(String text, int start, int end) {
        if (start >= end || text.charAt(start) != '{') {
            return -1;
        }
        boolean inString = false;
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c > 0x7e) {
                return -1;
            }
            if (c == '"') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                return -1;
            } else if (!inString && c == '}') {
                return i;
            }
        }
        return -1;
    }
}
