package dev.secodasync.secoda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Secoda integration, as the integrations endpoints return it (other fields are ignored).
 *
 * @param id integration id (a UUID string)
 * @param name integration name
 * @param type integration type, e.g. {@code postgres}, {@code snowflake}, {@code custom}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Integration(String id, String name, String type) {
}
