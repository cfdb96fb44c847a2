package dev.secodasync.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a JSON document against a JSON Schema, implementing only the keywords our schemas
 * use (no JSON Schema library is available offline, and one would be a heavy dependency for a
 * test). An unknown keyword fails the validation, so the schema cannot use one it ignores.
 */
public final class JsonSchemaSubset {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");

    private final JsonNode root;

    public JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /** The problems found, each with its JSON path; empty when the document is valid. */
    public List<String> validate(JsonNode document) {
        List<String> problems = new ArrayList<>();
        check(root, document, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode arg = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> check(resolve(arg.asString()), value, path, problems);
                case "type" -> {
                    List<String> types = new ArrayList<>();
                    if (arg.isArray()) {
                        arg.forEach(t -> types.add(t.asString()));
                    } else {
                        types.add(arg.asString());
                    }
                    if (types.stream().noneMatch(t -> hasType(value, t))) {
                        problems.add(path + ": expected " + types + ", got " + value);
                    }
                }
                case "required" -> arg.forEach(name -> {
                    if (value.isObject() && !value.has(name.asString())) {
                        problems.add(path + ": missing " + name.asString());
                    }
                });
                case "properties" -> {
                    if (value.isObject()) {
                        for (Map.Entry<String, JsonNode> property : arg.properties()) {
                            if (value.has(property.getKey())) {
                                check(property.getValue(), value.get(property.getKey()), path + "." + property.getKey(), problems);
                            }
                        }
                    }
                }
                case "additionalProperties" -> {
                    if (value.isObject() && !arg.asBoolean()) {
                        for (Map.Entry<String, JsonNode> property : value.properties()) {
                            if (!schema.get("properties").has(property.getKey())) {
                                problems.add(path + ": unexpected property " + property.getKey());
                            }
                        }
                    }
                }
                case "items" -> {
                    if (value.isArray()) {
                        for (int i = 0; i < value.size(); i++) {
                            check(arg, value.get(i), path + "[" + i + "]", problems);
                        }
                    }
                }
                case "maxItems" -> {
                    if (value.isArray() && value.size() > arg.asInt()) {
                        problems.add(path + ": more than " + arg.asInt() + " items");
                    }
                }
                case "minimum" -> {
                    if (value.isNumber() && value.asDouble() < arg.asDouble()) {
                        problems.add(path + ": below " + arg);
                    }
                }
                case "enum" -> {
                    boolean found = false;
                    for (JsonNode allowed : arg) {
                        found |= allowed.equals(value);
                    }
                    if (!found) {
                        problems.add(path + ": " + value + " is not one of " + arg);
                    }
                }
                case "const" -> {
                    if (!arg.equals(value)) {
                        problems.add(path + ": " + value + " is not " + arg);
                    }
                }
                case "pattern" -> {
                    if (value.isString() && !value.asString().matches(arg.asString())) {
                        problems.add(path + ": '" + value.asString() + "' does not match " + arg.asString());
                    }
                }
                case "format" -> {
                    if (value.isString() && arg.asString().equals("date-time")) {
                        try {
                            Instant.parse(value.asString());
                        } catch (RuntimeException e) {
                            problems.add(path + ": not a date-time: " + value.asString());
                        }
                    }
                }
                case "oneOf" -> {
                    int matching = 0;
                    for (JsonNode option : arg) {
                        List<String> sub = new ArrayList<>();
                        check(option, value, path, sub);
                        matching += sub.isEmpty() ? 1 : 0;
                    }
                    if (matching != 1) {
                        problems.add(path + ": matches " + matching + " of the oneOf schemas, not exactly one: " + value);
                    }
                }
                case "$defs" -> {
                    // definitions only, reached through $ref
                }
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        throw new IllegalArgumentException("schema keyword not supported by this test validator: "
                                + keyword.getKey());
                    }
                }
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local $ref is supported: " + ref);
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part);
        }
        if (node == null) {
            throw new IllegalArgumentException("$ref " + ref + " points nowhere");
        }
        return node;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
