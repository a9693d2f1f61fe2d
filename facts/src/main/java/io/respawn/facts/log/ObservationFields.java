package io.respawn.facts.log;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.facts.Observation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the misspelt field of a line that did not read. Jackson builds a record from
 * its constructor before it looks at unknown fields, so a misspelt required field is
 * first reported as missing; this looks again, only on that error path.
 */
final class ObservationFields {
    private static final Map<String, Set<String>> FIELDS = fieldsByType();

    private ObservationFields() {
    }

    static Optional<String> unknownIn(ObjectMapper mapper, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (Exception e) {
            return Optional.empty();
        }
        Set<String> known = FIELDS.get(node.path("type").asText());
        if (known == null) {
            return Optional.empty();
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Unrecognized field \"" + unknown.get(0) + "\" in a " + node.path("type").asText()
                + " fact (its fields: " + String.join(", ", known) + ")");
    }

    private static Map<String, Set<String>> fieldsByType() {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : Observation.class.getAnnotation(JsonSubTypes.class).value()) {
            Set<String> names = new TreeSet<>();
            for (var component : type.value().getRecordComponents()) {
                names.add(component.getName());
            }
            fields.put(type.name(), names);
        }
        return fields;
    }
}
