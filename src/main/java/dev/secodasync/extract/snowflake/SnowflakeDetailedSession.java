package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The JSONL format's reading of a Snowflake account. The details: database by database, in the
 * order the column reader uses, up to {@code max-parallel-databases} side by side
 * ({@link DatabaseDetails} on {@link OrderedQueries}, sessions from a {@link SessionPool} closed
 * before the columns start). The columns: the CSV's reader ({@link SnowflakeCatalogReader}), given
 * the same database list. The lineage: {@code OBJECT_DEPENDENCIES} with {@code account-usage:
 * true} ({@link AccountUsageLineage}), else a {@code tables_from_query} edge per view whose SQL the
 * role may see, taken from the details (no further query).
 *
 * <p>Snowflake has no snapshot across sessions and queries, so the details, columns and lineage
 * are three readings: a table created in between has columns without details (the merge passes
 * it through), and one dropped in between has details nobody asks for.
 */
final class SnowflakeDetailedSession implements DetailedCatalogReader.Session {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeDetailedSession.class);

    private final WarehouseProperties warehouse;

    private final SnowflakeSql sql;

    private final int fetchSize;

    private final Function<WarehouseProperties, DataSource> connections;

    private final int showPageSize;

    private final SnowflakeStatements statements;

    private final CaseFolding folding;

    /** The databases the details were read from, in CSV order; the columns read the same. */
    private List<String> databases = List.of();

    /** Folded names of the views handed over: the only targets an edge may have. */
    private final Set<TableName> views = new HashSet<>();

    /** Without account usage: one edge per view with visible SQL, in CSV order. */
    private final List<LineageEdge> fromViewSql = new ArrayList<>();

    private SessionPool sessions;

    private OrderedQueries<String, TableDetails> reading;

    private Connection lineageSession;

    SnowflakeDetailedSession(WarehouseProperties warehouse, SnowflakeSql sql, int fetchSize,
            Function<WarehouseProperties, DataSource> connections, int showPageSize) {
        this.warehouse = warehouse;
        this.sql = sql;
        this.fetchSize = fetchSize;
        this.connections = connections;
        this.showPageSize = showPageSize;
        this.statements = new SnowflakeStatements(sql, warehouse, fetchSize);
        this.folding = new CaseFolding(warehouse.lowerCaseNames(), warehouse.name());
    }

    @Override
    public void tables(Consumer<TableDetails> each) {
        DataSource unpooled = connections.apply(warehouse);
        Connection signedIn = signIn(unpooled);
        try {
            databases = SnowflakeDatabases.toRead(signedIn, statements, folding);
        } catch (RuntimeException e) {
            SnowflakeStatements.closeQuietly(signedIn);
            throw e;
        }
        int parallel = Math.max(1, Math.min(warehouse.parallelDatabases(), databases.size()));
        log.info("Warehouse '{}': reading the table details of {} Snowflake database(s), {} at a time",
                warehouse.name(), databases.size(), parallel);
        String name = "snowflake-details-" + warehouse.name();
        sessions = new SessionPool(name, signedIn, unpooled, parallel);
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        reading = new OrderedQueries<>(databases, parallel, threads,
                new DatabaseDetails(sessions, statements, folding, showPageSize),
                (database, e) -> new WarehouseReadException("database " + database
                        + ": interrupted while waiting for Snowflake", e));
        try {
            for (TableDetails table = reading.next(); table != null; table = reading.next()) {
                remember(table);
                each.accept(table);
            }
        } finally {
            // The column reader signs in on its own: idle sessions would only wait for the end.
            closeDetails();
        }
    }

    private void remember(TableDetails table) {
        if (!DatabaseDetails.isView(table)) {
            return;
        }
        views.add(table.name());
        if (!warehouse.accountUsage() && table.definition() != null) {
            fromViewSql.add(new LineageEdge(null, table.definition(), table.name()));
        }
    }

    @Override
    public ItemStreamReader<ColumnRow> columns() {
        return new SnowflakeCatalogReader(warehouse, sql, fetchSize, connections, databases);
    }

    @Override
    public void lineage(Consumer<LineageEdge> each) {
        if (!warehouse.accountUsage()) {
            fromViewSql.forEach(each);
            return;
        }
        lineageSession = signIn(connections.apply(warehouse));
        AccountUsageLineage.read(lineageSession, statements, databases, views, folding).forEach(each);
    }

    private static Connection signIn(DataSource unpooled) {
        try {
            return unpooled.getConnection();
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot sign in to Snowflake: " + SnowflakeStatements.snowflakeError(e), e);
        }
    }

    private void closeDetails() {
        if (reading != null) {
            reading.close();
            reading = null;
        }
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
    }

    @Override
    public void close() {
        closeDetails();
        SnowflakeStatements.closeQuietly(lineageSession);
        lineageSession = null;
        views.clear();
        fromViewSql.clear();
    }
}
