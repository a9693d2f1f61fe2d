package io.respawn.agent.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.respawn.agent.process.ProcessEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The process table as one JSON document (the format is in docs/agent.md). */
final class TableJson {
    static final String FORMAT = "respawn-process-table";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TableJson() {
    }

    static String render(String node, long agentPid, Instant agentStartedAt, Instant at, List<ProcessEntry> rows) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("node", node);
        doc.put("agentPid", agentPid);
        doc.put("agentStartedAt", time(agentStartedAt));
        doc.put("at", time(at));
        ArrayNode components = doc.putArray("components");
        rows.forEach(row -> row(components.addObject(), row));
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("process table - cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void row(ObjectNode out, ProcessEntry row) {
        out.put("component", row.component().name());
        out.put("group", row.group().name());
        out.put("node", row.node());
        ArrayNode command = out.putArray("command");
        row.command().forEach(command::add);
        out.put("state", row.state().name());
        if (row.pid() > 0) {
            out.put("pid", row.pid());
        } else {
            out.putNull("pid");
        }
        out.put("processStartedAt", row.processStartedAt().map(TableJson::time).orElse(null));
        out.put("startedAt", row.startedAt().map(TableJson::time).orElse(null));
        out.put("restartId", row.restartId().orElse(null));
        out.put("lastExit", row.lastExit().orElse(null));
        out.put("starts", row.starts());
    }

    private static String time(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

}
