package dev.secodasync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JSONL files and checks every line against {@code config/secoda-jsonl.schema.json}. */
public final class JsonlLines {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonSchemaSubset SCHEMA = new JsonSchemaSubset(read(Path.of("config/secoda-jsonl.schema.json")));

    private JsonlLines() {
    }

    private static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }

    /** The lines of the file as JSON, each checked against the schema. */
    public static List<JsonNode> validated(Path file) {
        try {
            return validated(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the text as JSON, each checked against the schema; the text ends with a newline unless empty. */
    public static List<JsonNode> validated(String text) {
        assertThat(text.isEmpty() || text.endsWith("\n")).as("ends with a newline: %s", text).isTrue();
        return text.lines().map(line -> {
            JsonNode node = JSON.readTree(line);
            assertThat(SCHEMA.validate(node)).as("line %s", line).isEmpty();
            return node;
        }).toList();
    }

    /** A compact one-line rendering, for exact comparisons. */
    public static String compact(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
