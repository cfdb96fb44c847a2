package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Streams the columns of a Snowflake account: the databases in code-point order of their CSV
 * names, each through one cursor over its {@code INFORMATION_SCHEMA} (one cursor per schema after
 * error 090030), or everything through one cursor over {@code ACCOUNT_USAGE}.
 *
 * <p>Snowflake takes seconds per {@code INFORMATION_SCHEMA} query, so up to
 * {@code max-parallel-databases} of them run at once ({@link OrderedQueries}), each in a session
 * of its own ({@link SessionPool}), while the rows are still read database after database. The
 * next query starts only when one has been read, so at most that many cursors are ever open. A
 * finished query's result chunks are fetched ahead by the driver, on one thread per result and
 * within one memory limit for the whole process ({@code CLIENT_PREFETCH_THREADS} and
 * {@code CLIENT_MEMORY_LIMIT}, set by {@code WarehouseConnections}). Any failure names the
 * database and Snowflake's code and message; the caller then fails the warehouse, so a partial
 * catalog is never uploaded.
 */
final class SnowflakeCatalogReader implements ItemStreamReader<ColumnRow> {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeCatalogReader.class);

    private final WarehouseProperties warehouse;

    private final SnowflakeStatements statements;

    private final Function<WarehouseProperties, DataSource> connections;

    private final CaseFolding folding;

    /** Account usage only: the one session, and its cursor once the first row is asked for. */
    private Connection session;

    private RowCursor<ColumnRow> accountUsage;

    private boolean accountUsageRead;

    private SessionPool sessions;

    private OrderedQueries<String, ColumnRow> databases;

    /** The databases to read when already listed (the JSONL details listed them), else null. */
    private final List<String> listed;

    /** @param connections opens sessions on the warehouse, one per {@code getConnection()} */
    SnowflakeCatalogReader(WarehouseProperties warehouse, SnowflakeSql sql, int fetchSize,
            Function<WarehouseProperties, DataSource> connections) {
        this(warehouse, sql, fetchSize, connections, null);
    }

    /**
     * @param listed the databases to read, in CSV order, so that the columns are read from the
     *     databases the details were; null: listed on open
     */
    SnowflakeCatalogReader(WarehouseProperties warehouse, SnowflakeSql sql, int fetchSize,
            Function<WarehouseProperties, DataSource> connections, List<String> listed) {
        this.listed = listed == null ? null : List.copyOf(listed);
        this.warehouse = warehouse;
        this.statements = new SnowflakeStatements(sql, warehouse, fetchSize);
        this.connections = connections;
        this.folding = new CaseFolding(warehouse.lowerCaseNames(), warehouse.name());
    }

    @Override
    public void open(ExecutionContext executionContext) {
        DataSource unpooled = connections.apply(warehouse);
        Connection signedIn;
        try {
            signedIn = unpooled.getConnection();
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot sign in to Snowflake: " + SnowflakeStatements.snowflakeError(e), e);
        }
        if (warehouse.accountUsage()) {
            session = signedIn;
            return;
        }
        List<String> names;
        try {
            names = listed != null ? listed : SnowflakeDatabases.toRead(signedIn, statements, folding);
        } catch (RuntimeException e) {
            // The caller only closes a reader that opened.
            SnowflakeStatements.closeQuietly(signedIn);
            throw e;
        }
        int parallel = Math.max(1, Math.min(warehouse.parallelDatabases(), names.size()));
        log.info("Warehouse '{}': reading {} Snowflake database(s), {} at a time", warehouse.name(), names.size(),
                parallel);
        String name = "snowflake-" + warehouse.name();
        sessions = new SessionPool(name, signedIn, unpooled, parallel);
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        databases = new OrderedQueries<>(names, parallel, threads, new DatabaseColumns(sessions, statements),
                (database, e) -> new WarehouseReadException("database " + database
                        + ": interrupted while waiting for Snowflake", e));
    }

    @Override
    public ColumnRow read() {
        ColumnRow row = databases != null ? databases.next() : nextOfAccountUsage();
        return row == null ? null : folding.apply(row);
    }

    private ColumnRow nextOfAccountUsage() {
        if (!accountUsageRead) {
            accountUsageRead = true;
            accountUsage = AccountUsageColumns.open(session, statements);
        }
        if (accountUsage == null) {
            return null;
        }
        ColumnRow row = accountUsage.next();
        if (row == null) {
            accountUsage.close();
            accountUsage = null;
        }
        return row;
    }

    @Override
    public void close() {
        if (databases != null) {
            databases.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (accountUsage != null) {
            accountUsage.close();
            accountUsage = null;
        }
        SnowflakeStatements.closeQuietly(session);
        session = null;
    }
}
