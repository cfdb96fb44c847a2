package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import dev.secodasync.extract.DetailRows;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code tables.sql} and the primary keys ({@link DatabasePrimaryKeys}) of one database, on a query
 * thread in a session borrowed for the two queries only. The details are folded as the column
 * rows are and sorted in memory into CSV order: memory grows with the database's tables, not its
 * columns.
 */
final class DatabaseDetails implements OrderedQueries.Query<String, TableDetails> {

    /** Secoda's native types that are views: they have SQL and no key. */
    static boolean isView(TableDetails table) {
        return "view".equals(table.nativeType()) || "materialized view".equals(table.nativeType());
    }

    private final SessionPool sessions;

    private final SnowflakeStatements statements;

    private final CaseFolding folding;

    private final DatabasePrimaryKeys keys;

    /** @param folding used only for its stateless {@code fold} and {@code checkNeighbours}: query threads share it */
    DatabaseDetails(SessionPool sessions, SnowflakeStatements statements, CaseFolding folding, int showPageSize) {
        this.sessions = sessions;
        this.statements = statements;
        this.folding = folding;
        this.keys = new DatabasePrimaryKeys(statements.sql(), showPageSize);
    }

    @Override
    public RowCursor<TableDetails> open(String database, RunningStatements running) {
        Connection session;
        try {
            session = sessions.borrow();
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot sign in to Snowflake (a session for database " + database
                    + "): " + SnowflakeStatements.snowflakeError(e), e);
        }
        try {
            List<TableDetails> tables = tables(session, database, running);
            List<TableName> keyed = tables.stream().filter(t -> !isView(t)).map(TableDetails::name).toList();
            Map<TableName, List<String>> primaryKeys = keys.of(session, database, keyed, running);
            return cursor(inCsvOrder(tables, primaryKeys));
        } finally {
            // Back to the pool: the rows are in memory, the next database may use the session.
            SnowflakeStatements.closeQuietly(session);
        }
    }

    private List<TableDetails> tables(Connection session, String database, RunningStatements running) {
        Map<String, Object> parameters = statements.filters();
        parameters.put("tables_view", SnowflakeNames.informationSchemaView(database, "TABLES"));
        parameters.put("views_view", SnowflakeNames.informationSchemaView(database, "VIEWS"));
        List<TableDetails> tables = new ArrayList<>();
        try (PreparedStatement statement = statements.prepare(session, statements.sql().tables(), parameters);
                ResultSet rs = running.executeQuery(statement)) {
            while (rs.next()) {
                tables.add(DetailRows.table(rs));
            }
        } catch (SQLException e) {
            throw SnowflakeStatements.failure("database " + database + ", table details", e);
        }
        return tables;
    }

    /** Folded, keyed, and sorted as the column rows are: by the folded names, then the original ones. */
    private List<TableDetails> inCsvOrder(List<TableDetails> tables, Map<TableName, List<String>> primaryKeys) {
        tables.sort(Comparator.comparing((TableDetails t) -> folding.fold(t.name())).thenComparing(TableDetails::name));
        List<TableDetails> folded = new ArrayList<>(tables.size());
        TableName previous = null;
        for (TableDetails table : tables) {
            TableName name = table.name();
            if (previous != null && folding.fold(previous).equals(folding.fold(name))) {
                folding.checkNeighbours("tables", dotted(previous), dotted(name));
            }
            previous = name;
            String definition = table.definition() == null || table.definition().isBlank() ? null : table.definition();
            List<String> key = primaryKeys.getOrDefault(name, List.of()).stream().map(folding::fold).toList();
            folded.add(new TableDetails(folding.fold(name), table.nativeType(), definition, key));
        }
        return folded;
    }

    private static String dotted(TableName name) {
        return name.database() + "." + name.schema() + "." + name.table();
    }

    private static RowCursor<TableDetails> cursor(List<TableDetails> tables) {
        Iterator<TableDetails> each = tables.iterator();
        return new RowCursor<>() {
            @Override
            public TableDetails next() {
                return each.hasNext() ? each.next() : null;
            }

            @Override
            public void close() {
                // Nothing is held but the list.
            }
        };
    }
}
