package dev.secodasync.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A strict structural check of parsed YAML: which keys a mapping may have, which it must have,
 * and the shape of each value; anything else is reported with its path. Used for the CI examples,
 * whose published JSON schemas (GitHub Actions, GitLab CI, CircleCI) cannot be fetched at test
 * time: the shapes below are transcribed from them for the keys the examples use, and every key
 * outside them fails, as additionalProperties: false does in those schemas.
 */
final class YamlShape {

    private final String description;

    private final Predicate<Object> scalar;

    private final Map<String, YamlShape> fields;

    private final Set<String> required;

    private final YamlShape anyKeyValue;

    private final YamlShape item;

    private final List<YamlShape> alternatives;

    private YamlShape(String description, Predicate<Object> scalar, Map<String, YamlShape> fields, Set<String> required,
            YamlShape anyKeyValue, YamlShape item, List<YamlShape> alternatives) {
        this.description = description;
        this.scalar = scalar;
        this.fields = fields;
        this.required = required;
        this.anyKeyValue = anyKeyValue;
        this.item = item;
        this.alternatives = alternatives;
    }

    static YamlShape string() {
        return new YamlShape("a string", v -> v instanceof String, null, null, null, null, null);
    }

    static YamlShape oneOf(String... values) {
        return new YamlShape("one of " + List.of(values), v -> List.of(values).contains(String.valueOf(v)), null, null, null, null, null);
    }

    static YamlShape bool() {
        return new YamlShape("a boolean", v -> v instanceof Boolean, null, null, null, null, null);
    }

    static YamlShape integer() {
        return new YamlShape("an integer", v -> v instanceof Integer || v instanceof Long, null, null, null, null, null);
    }

    /** A string, number or boolean (GitHub's env values, GitLab's variables). */
    static YamlShape scalar() {
        return new YamlShape("a scalar", v -> v instanceof String || v instanceof Number || v instanceof Boolean, null, null, null, null, null);
    }

    /** A mapping with exactly these keys allowed (fields) of which {@code required} must be present. */
    static YamlShape object(Map<String, YamlShape> fields, String... required) {
        return new YamlShape("a mapping", null, fields, Set.of(required), null, null, null);
    }

    /** A mapping whose keys are names (jobs, inputs, variables) and whose values all have one shape. */
    static YamlShape mapOf(YamlShape value) {
        return new YamlShape("a mapping of names", null, null, Set.of(), value, null, null);
    }

    static YamlShape listOf(YamlShape item) {
        return new YamlShape("a list", null, null, null, null, item, null);
    }

    static YamlShape anyOf(YamlShape... shapes) {
        return new YamlShape("any of", null, null, null, null, null, List.of(shapes));
    }

    /** Keys in the order given, for readable shape definitions. */
    static Map<String, YamlShape> fields(Object... keysAndShapes) {
        Map<String, YamlShape> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndShapes.length; i += 2) {
            map.put((String) keysAndShapes[i], (YamlShape) keysAndShapes[i + 1]);
        }
        return map;
    }

    /** Every deviation from the shape, as "path: problem". */
    List<String> problems(Object node, String path) {
        List<String> found = new ArrayList<>();
        check(node, path, found);
        return found;
    }

    private void check(Object node, String path, List<String> found) {
        if (alternatives != null) {
            List<List<String>> tries = new ArrayList<>();
            for (YamlShape shape : alternatives) {
                List<String> problems = shape.problems(node, path);
                if (problems.isEmpty()) {
                    return;
                }
                tries.add(problems);
            }
            found.add(path + ": matches none of its forms: " + tries);
            return;
        }
        if (scalar != null) {
            if (!scalar.test(node)) {
                found.add(path + ": expected " + description + ", got " + node);
            }
            return;
        }
        if (item != null) {
            if (!(node instanceof List<?> list)) {
                found.add(path + ": expected a list, got " + node);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                item.check(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            found.add(path + ": expected " + description + ", got " + node);
            return;
        }
        for (String key : required) {
            if (!map.containsKey(key)) {
                found.add(path + ": required key " + key + " is missing");
            }
        }
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            YamlShape shape = anyKeyValue != null ? anyKeyValue : fields.get(name);
            if (shape == null) {
                found.add(path + "." + name + ": not a key here (allowed: " + fields.keySet() + ")");
            } else {
                shape.check(value, path + "." + name, found);
            }
        });
    }
}
