package kz.reentry.hub.exchange;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record read from a flat source (a CSV row, an XML element) into the JSON an intake route
 * reads: the field names are paths ({@code person.iin}), empty values are left out. Every channel
 * then goes through the same reader and validation.
 */
final class RecordTree {

    private RecordTree() {
    }

    static ObjectNode of(Map<String, String> valuesByPath, JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        valuesByPath.forEach((path, value) -> {
            if (value == null || value.isBlank() || path == null || path.isBlank()) {
                return;
            }
            String[] names = path.strip().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < names.length - 1; i++) {
                var child = parent.get(names[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(names[i]);
            }
            parent.put(names[names.length - 1], value.strip());
        });
        return root;
    }
}
