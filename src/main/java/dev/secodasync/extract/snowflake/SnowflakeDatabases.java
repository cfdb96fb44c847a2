package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code databases.sql}: the databases to read, the configured ones or every database the role
 * sees but Snowflake's own, in CSV order (code-point order of their names as the CSV shows them).
 */
final class SnowflakeDatabases {

    /** SHOW returns at most this many rows; more need paging. */
    static final int SHOW_PAGE_SIZE = 10_000;

    /** Snowflake's own databases: account metadata and shared samples, not the team's catalog. */
    static final Set<String> SYSTEM_DATABASES = Set.of("SNOWFLAKE", "SNOWFLAKE_SAMPLE_DATA");

    private SnowflakeDatabases() {
    }

    /**
     * @param session lists the databases when none are configured
     * @throws dev.secodasync.extract.InvalidCatalogException when two names collide once folded
     */
    static List<String> toRead(Connection session, SnowflakeStatements statements, CaseFolding folding) {
        List<String> configured = statements.warehouse().databases();
        List<String> names = configured.isEmpty() ? discoverOwn(session, statements.sql().databases())
                : new ArrayList<>(configured);
        names.sort(Comparator.<String, String>comparing(folding::fold, CodePointOrder::compare)
                .thenComparing(CodePointOrder::compare));
        for (int i = 1; i < names.size(); i++) {
            folding.checkNeighbours("databases", names.get(i - 1), names.get(i));
        }
        return names;
    }

    private static List<String> discoverOwn(Connection session, String showSql) {
        try {
            List<String> names = discover(session, showSql);
            names.removeAll(SYSTEM_DATABASES);
            return names;
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot list the databases (SHOW TERSE DATABASES): "
                    + SnowflakeStatements.snowflakeError(e), e);
        }
    }

    /**
     * Every database {@code SHOW TERSE DATABASES} lists, paging past its 10,000-row cap with
     * {@code FROM '<last name>'}.
     */
    static List<String> discover(Connection connection, String showSql) throws SQLException {
        List<String> names = new ArrayList<>();
        String last = null;
        try (Statement show = connection.createStatement()) {
            while (true) {
                int page = 0;
                // The file's comments are left out: FROM is appended to the statement's last line.
                String query = withoutCommentLines(showSql) + (last == null ? "" : " FROM " + SnowflakeNames.stringLiteral(last));
                try (ResultSet rs = show.executeQuery(query)) {
                    while (rs.next()) {
                        last = rs.getString("name");
                        names.add(last);
                        page++;
                    }
                }
                if (page < SHOW_PAGE_SIZE) {
                    return names;
                }
            }
        }
    }

    /** A SHOW statement without its file's comment lines, so that a clause can be appended to its last line. */
    static String withoutCommentLines(String sqlText) {
        return sqlText.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
    }
}
