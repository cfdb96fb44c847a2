package dev.secodasync.state;

import java.time.LocalDateTime;

/**
 * The last upload Secoda accepted for an integration.
 *
 * @param warehouse the warehouse it came from
 * @param sha256 hex SHA-256 of the CSV
 * @param tables tables and views it held
 * @param columns columns it held
 * @param uploadedAt when (job-repository database time)
 */
public record LastUpload(String warehouse, String sha256, long tables, long columns, LocalDateTime uploadedAt) {
}
