package dev.secodasync.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Reads the statements under {@code sql/<folder>/<name>.sql} (shipped in the jar) and binds their
 * {@code :named} parameters, so SQL never lives in Java strings and values are never concatenated.
 */
public final class SqlFiles {

    private final Path overrides;

    /**
     * @param overrides a folder whose {@code <folder>/<name>.sql} files are read before the built-in
     *     ones ({@code sync.sql-dir}), or null for the built-in ones only
     */
    public SqlFiles(Path overrides) {
        this.overrides = overrides;
    }

    /** The statements shipped in the jar, without overrides. */
    public static SqlFiles builtIn() {
        return new SqlFiles(null);
    }

    /** The text of {@code sql/<folder>/<name>.sql}, failing with the file's name when it is missing. */
    public String load(String folder, String name) {
        Path override = overrides;
        if (override != null) {
            Path file = override.resolve(folder).resolve(name + ".sql");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read SQL file " + file + ": " + e.getMessage(), e);
                }
            }
        }
        String path = "sql/" + folder + "/" + name + ".sql";
        ClassPathResource resource = new ClassPathResource(path);
        if (!resource.exists()) {
            throw new IllegalStateException("SQL file " + path + " is missing from the application");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + path, e);
        }
    }

    /** A statement with {@code ?} placeholders and its arguments in placeholder order. */
    public record Bound(String sql, List<Object> arguments) {
    }

    /** Turns {@code :name} parameters into {@code ?} and orders the values to match. */
    public static Bound bind(String namedSql, Map<String, ?> parameters) {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
        MapSqlParameterSource source = new MapSqlParameterSource(parameters);
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, source);
        Object[] args = NamedParameterUtils.buildValueArray(parsed, source, null);
        return new Bound(sql, Collections.unmodifiableList(Arrays.asList(args)));
    }
}
