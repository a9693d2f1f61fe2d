package io.respawn.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.facts.Observation;
import io.respawn.facts.log.FactLogWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own append-only record, one JSON object a line, of what it told the engine
 * and what it carried out, kept so that an independent checker can compare it with the
 * engine's journal. Off unless asked for ({@code respawn agent --ledger FILE}).
 *
 * <pre>
 * {"at":"…","node":"n1","event":"sent","incarnation":"9f2c…","seq":42,"fact":{…the fact as sent…}}
 * {"at":"…","node":"n1","event":"acked","incarnation":"9f2c…","upTo":57}
 * {"at":"…","node":"n1","event":"dropped","incarnation":"9f2c…","seq":3}        (buffer full while the engine was away)
 * {"at":"…","node":"n1","event":"executed","decision":"d-…","action":"RESTART_GROUP","target":"infra"}
 * {"at":"…","node":"n1","event":"resumed","decision":"d-…","target":"infra"}     (interrupted by the agent's death, finished at its start)
 * {"at":"…","node":"n1","event":"duplicate","decision":"d-…","target":"infra"}   (delivered again: not carried out)
 * {"at":"…","node":"n1","event":"refused","decision":"d-…","target":"infra"}
 * {"at":"…","node":"n1","event":"adopted","component":"web","pid":4211}
 * </pre>
 *
 * Each line is written straight to the file (no buffer in the JVM), so it survives a
 * kill -9 of the agent; it is not forced to disk, so a crash of the machine may lose the
 * last lines. A write that fails is logged and the agent goes on.
 */
public final class Ledger implements AutoCloseable {
    /** A ledger that records nothing. */
    public static final Ledger OFF = new Ledger(null, null, InstantSource.system(), null);

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final OutputStream out;
    private final InstantSource clock;
    private final Path file;

    private Ledger(String node, OutputStream out, InstantSource clock, Path file) {
        this.node = node;
        this.out = out;
        this.clock = clock;
        this.file = file;
    }

    /** Opens {@code file} for appending (created 0600 if missing). */
    public static Ledger open(Path file, String node, InstantSource clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return new Ledger(node, new FileOutputStream(file.toFile(), true), clock, file);
    }

    public boolean isOn() {
        return out != null;
    }

    public void sent(String incarnation, long seq, Observation fact) {
        if (isOn()) {
            Map<String, Object> entry = entry("sent");
            entry.put("incarnation", incarnation);
            entry.put("seq", seq);
            write(entry, FactLogWriter.line(fact));
        }
    }

    public void acked(String incarnation, long upTo) {
        if (isOn()) {
            Map<String, Object> entry = entry("acked");
            entry.put("incarnation", incarnation);
            entry.put("upTo", upTo);
            write(entry, null);
        }
    }

    public void dropped(String incarnation, long seq) {
        if (isOn()) {
            Map<String, Object> entry = entry("dropped");
            entry.put("incarnation", incarnation);
            entry.put("seq", seq);
            write(entry, null);
        }
    }

    /** A decision: {@code executed}, {@code resumed}, {@code duplicate} or {@code refused}. */
    public void decision(String event, String decision, String action, String target) {
        if (isOn()) {
            Map<String, Object> entry = entry(event);
            entry.put("decision", decision);
            if (action != null) {
                entry.put("action", action);
            }
            entry.put("target", target);
            write(entry, null);
        }
    }

    /** A component's process found running at the agent's start and taken over. */
    public void adopted(String component, long pid) {
        if (isOn()) {
            Map<String, Object> entry = entry("adopted");
            entry.put("component", component);
            entry.put("pid", pid);
            write(entry, null);
        }
    }

    private Map<String, Object> entry(String event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("node", node);
        entry.put("event", event);
        return entry;
    }

    private synchronized void write(Map<String, Object> entry, String factJson) {
        try {
            String line = JSON.writeValueAsString(entry);
            if (factJson != null) {
                line = line.substring(0, line.length() - 1) + ",\"fact\":" + factJson + "}";
            }
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            LOG.error("ledger entry not writable: event={}", entry.get("event"), e);
        } catch (IOException e) {
            LOG.warn("ledger write failed, entry lost: file={} event={} cause={}", file, entry.get("event"),
                    e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("ledger close failed: file={} cause={}", file, e.toString());
            }
        }
    }
}
