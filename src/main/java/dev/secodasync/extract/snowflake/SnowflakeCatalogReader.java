package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.ColumnRowMapper;
import dev.secodasync.extract.SchemaPatterns;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
 * {@code max-parallel-databases} of them run at once, each in a session of its own, while the
 * rows are still read database after database. The next query starts only when one has been read,
 * so at most that many cursors are ever open. A finished query's result chunks are fetched ahead by
 * the driver, within its memory limit for the whole process ({@code CLIENT_MEMORY_LIMIT}, at most
 * about 80% of the heap). Any failure names the database and Snowflake's code and message; the
 * caller then fails the warehouse, so a partial catalog is never uploaded.
 */
final class SnowflakeCatalogReader implements ItemStreamReader<ColumnRow> {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeCatalogReader.class);

    /** "Information schema query returned too much data. Please repeat query with more selective predicates." */
    static final int TOO_MUCH_DATA = 90030;

    /** SHOW returns at most this many rows; more need paging. */
    static final int SHOW_PAGE_SIZE = 10_000;

    /** Snowflake's own databases: account metadata and shared samples, not the team's catalog. */
    static final Set<String> SYSTEM_DATABASES = Set.of("SNOWFLAKE", "SNOWFLAKE_SAMPLE_DATA");

    private final WarehouseProperties warehouse;

    private final SnowflakeSql sql;

    private final int fetchSize;

    private final CaseFolding folding;

    private final ColumnRowMapper mapper = new ColumnRowMapper();

    private final Deque<String> databases = new ArrayDeque<>();

    /** Queries started ahead, in database order. */
    private final Deque<Started> started = new ArrayDeque<>();

    /** Statements whose query is running on a query thread, to cancel on close (guarded by this). */
    private final Set<PreparedStatement> running = new HashSet<>();

    /** Sessions free for the next database's query (guarded by this). */
    private final Deque<Connection> idle = new ArrayDeque<>();

    /** Answers a query thread produced that the reader has not taken yet (guarded by this). */
    private final Set<Opened> unclaimed = new HashSet<>();

    private boolean closed;

    private ExecutorService queries;

    /** Queries open or running at most: max-parallel-databases, or fewer when there are fewer databases. */
    private int parallel;

    private final Deque<String> schemas = new ArrayDeque<>();

    /** The session of the database being read (during discovery and ACCOUNT_USAGE: the first one). */
    private Connection connection;

    private String database;

    private String schema;

    private boolean accountUsageRead;

    private PreparedStatement statement;

    private ResultSet rows;

    SnowflakeCatalogReader(WarehouseProperties warehouse, SnowflakeSql sql, int fetchSize) {
        this.warehouse = warehouse;
        this.sql = sql;
        this.fetchSize = fetchSize;
        this.folding = new CaseFolding(warehouse.lowerCaseNames(), warehouse.name());
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            connection = WarehouseConnections.dataSource(warehouse).getConnection();
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot sign in to Snowflake: " + snowflakeError(e), e);
        }
        if (!warehouse.accountUsage()) {
            try {
                databases.addAll(databasesToRead());
            } catch (RuntimeException e) {
                // The caller only closes a reader that opened.
                close();
                throw e;
            }
            parallel = Math.max(1, Math.min(warehouse.parallelDatabases(), databases.size()));
            log.info("Warehouse '{}': reading {} Snowflake database(s), {} at a time", warehouse.name(),
                    databases.size(), parallel);
            synchronized (this) {
                idle.push(connection);
            }
            connection = null;
            CustomizableThreadFactory threads = new CustomizableThreadFactory("snowflake-" + warehouse.name() + "-");
            threads.setDaemon(true);
            queries = Executors.newFixedThreadPool(parallel, threads);
            startQueries();
        }
    }

    /** A database whose query was handed to a query thread. */
    private record Started(String database, Future<Opened> future) {
    }

    /** A database's query as a query thread left it: its session, and the open cursor or the error. */
    private record Opened(String database, Connection connection, PreparedStatement statement, ResultSet rows,
            SQLException failure) {
    }

    /** Starts the next databases' queries until {@code parallel} are open or running. */
    private void startQueries() {
        while (started.size() + (rows != null ? 1 : 0) < parallel && !databases.isEmpty()) {
            String next = databases.poll();
            started.add(new Started(next, queries.submit(() -> execute(next))));
        }
    }

    // On a query thread.
    private Opened execute(String db) {
        Connection session = null;
        PreparedStatement ps = null;
        Opened opened;
        try {
            session = borrowSession();
            ps = prepare(session, sql.columns(), databaseParameters(db));
            synchronized (this) {
                running.add(ps);
            }
            try {
                opened = new Opened(db, session, ps, ps.executeQuery(), null);
            } finally {
                synchronized (this) {
                    running.remove(ps);
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps);
            // No session: signing in failed (the reader reports it so).
            opened = new Opened(db, session, null, null, e instanceof SQLException sql ? sql : new SQLException(e.toString(), e));
        }
        synchronized (this) {
            if (!closed) {
                unclaimed.add(opened);
                return opened;
            }
        }
        // The reader was closed meanwhile (another database failed): nobody will read this.
        closeQuietly(opened);
        return opened;
    }

    private Connection borrowSession() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("the catalog reader was closed");
            }
            if (!idle.isEmpty()) {
                return idle.pop();
            }
        }
        return WarehouseConnections.dataSource(warehouse).getConnection();
    }

    private void releaseSession() {
        if (connection == null) {
            return;
        }
        synchronized (this) {
            if (!closed) {
                idle.push(connection);
                connection = null;
                return;
            }
        }
        closeQuietly(connection);
        connection = null;
    }

    private Opened take(Started next) {
        try {
            Opened opened = next.future().get();
            synchronized (this) {
                unclaimed.remove(opened);
            }
            return opened;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseReadException("database " + next.database() + ": interrupted while waiting for Snowflake", e);
        } catch (ExecutionException e) {
            throw new WarehouseReadException("database " + next.database() + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public ColumnRow read() {
        while (true) {
            if (rows != null) {
                try {
                    if (rows.next()) {
                        return folding.apply(mapper.mapRow(rows, 0));
                    }
                } catch (SQLException e) {
                    throw failure(e);
                }
                closeCursor();
            }
            if (!startNextQuery()) {
                return null;
            }
        }
    }

    private boolean startNextQuery() {
        if (warehouse.accountUsage()) {
            if (accountUsageRead) {
                return false;
            }
            accountUsageRead = true;
            database = "SNOWFLAKE.ACCOUNT_USAGE";
            run(sql.accountUsageColumns(), accountUsageParameters());
            return true;
        }
        while (true) {
            if (!schemas.isEmpty()) {
                schema = schemas.poll();
                Map<String, Object> parameters = databaseParameters(database);
                parameters.put("schema_name", schema);
                run(sql.columnsBySchema(), parameters);
                return true;
            }
            schema = null;
            releaseSession();
            startQueries();
            Started next = started.poll();
            if (next == null) {
                return false;
            }
            Opened opened = take(next);
            database = opened.database();
            connection = opened.connection();
            if (opened.failure() == null) {
                statement = opened.statement();
                rows = opened.rows();
                return true;
            }
            if (connection == null) {
                throw new WarehouseReadException("cannot sign in to Snowflake (a session for database " + database
                        + "): " + snowflakeError(opened.failure()), opened.failure());
            }
            if (opened.failure().getErrorCode() != TOO_MUCH_DATA) {
                throw failure(opened.failure());
            }
            List<String> found = schemasOf(database);
            log.info("Warehouse '{}': database {} answered 090030 (information schema query returned too much"
                    + " data); reading its {} schema(s) one by one", warehouse.name(), database, found.size());
            schemas.addAll(found);
        }
    }

    private void run(String namedSql, Map<String, Object> parameters) {
        try {
            open(namedSql, parameters);
        } catch (SQLException e) {
            closeCursor();
            throw failure(e);
        }
    }

    private void open(String namedSql, Map<String, Object> parameters) throws SQLException {
        statement = prepare(connection, namedSql, parameters);
        rows = statement.executeQuery();
    }

    /** {@code namedSql} prepared on {@code session} with its parameters bound. */
    private PreparedStatement prepare(Connection session, String namedSql, Map<String, Object> parameters)
            throws SQLException {
        SqlFiles.Bound query = SqlFiles.bind(namedSql, parameters);
        PreparedStatement prepared = session.prepareStatement(query.sql());
        try {
            prepared.setFetchSize(fetchSize);
            for (int i = 0; i < query.arguments().size(); i++) {
                prepared.setObject(i + 1, query.arguments().get(i));
            }
            return prepared;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(prepared);
            throw e;
        }
    }

    /** The configured databases, or every database the role sees but Snowflake's own; in CSV order. */
    private List<String> databasesToRead() {
        List<String> names = warehouse.databases().isEmpty() ? discoverDatabases() : new ArrayList<>(warehouse.databases());
        names.sort(Comparator.<String, String>comparing(folding::fold, CodePointOrder::compare)
                .thenComparing(CodePointOrder::compare));
        for (int i = 1; i < names.size(); i++) {
            folding.checkNeighbours("databases", names.get(i - 1), names.get(i));
        }
        return names;
    }

    private List<String> discoverDatabases() {
        database = null;
        try {
            List<String> names = discoverDatabases(connection, sql.databases());
            names.removeAll(SYSTEM_DATABASES);
            return names;
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot list the databases (SHOW TERSE DATABASES): " + snowflakeError(e), e);
        }
    }

    /**
     * Every database {@code SHOW TERSE DATABASES} lists, paging past its 10,000-row cap with
     * {@code FROM '<last name>'}.
     */
    static List<String> discoverDatabases(Connection connection, String showSql) throws SQLException {
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

    private static String withoutCommentLines(String sqlText) {
        return sqlText.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
    }

    private List<String> schemasOf(String db) {
        Map<String, Object> parameters = commonParameters();
        parameters.put("schemata_view", SnowflakeNames.informationSchemaView(db, "SCHEMATA"));
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = prepare(connection, sql.schemas(), parameters)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return names;
    }

    private Map<String, Object> commonParameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("include_schemas", SchemaPatterns.toRegex(warehouse.includeSchemas()));
        parameters.put("exclude_schemas", SchemaPatterns.toRegex(warehouse.excludeSchemas()));
        parameters.put("exclude_columns", SchemaPatterns.toRegex(warehouse.excludeColumns()));
        parameters.put("lower_case_names", warehouse.lowerCaseNames());
        return parameters;
    }

    private Map<String, Object> databaseParameters(String db) {
        Map<String, Object> parameters = commonParameters();
        parameters.put("columns_view", SnowflakeNames.informationSchemaView(db, "COLUMNS"));
        parameters.put("tables_view", SnowflakeNames.informationSchemaView(db, "TABLES"));
        return parameters;
    }

    private Map<String, Object> accountUsageParameters() {
        Map<String, Object> parameters = commonParameters();
        boolean all = warehouse.databases().isEmpty();
        parameters.put("include_databases", all ? ".*" : SnowflakeNames.exactly(warehouse.databases()));
        parameters.put("exclude_databases", all ? SnowflakeNames.exactly(List.copyOf(SYSTEM_DATABASES))
                : SchemaPatterns.NOTHING);
        return parameters;
    }

    private WarehouseReadException failure(SQLException e) {
        String where = database == null ? "Snowflake" : "database " + database + (schema == null ? "" : ", schema " + schema);
        return new WarehouseReadException(where + ": " + snowflakeError(e), e);
    }

    /** "Snowflake error 002003: SQL compilation error: ..." - the code as Snowflake's documentation writes it. */
    static String snowflakeError(SQLException e) {
        String code = e.getErrorCode() == 0 ? "" : " " + String.format("%06d", e.getErrorCode());
        return "Snowflake error" + code + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")")
                + ": " + e.getMessage();
    }

    private void closeCursor() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            log.debug("closing a Snowflake cursor failed", e);
        } finally {
            rows = null;
            statement = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing a Snowflake cursor or session failed", e);
        }
    }

    private static void closeQuietly(Opened opened) {
        closeQuietly(opened.rows());
        closeQuietly(opened.statement());
        closeQuietly(opened.connection());
    }

    @Override
    public void close() {
        closeCursor();
        List<AutoCloseable> sessions;
        List<Opened> answers;
        List<PreparedStatement> unfinished;
        synchronized (this) {
            closed = true;
            sessions = new ArrayList<>(idle);
            idle.clear();
            answers = new ArrayList<>(unclaimed);
            unclaimed.clear();
            unfinished = new ArrayList<>(running);
        }
        // Another database failed: stop the queries still running in Snowflake (an interrupt
        // does not reach a query the driver waits on).
        for (PreparedStatement statement : unfinished) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                log.debug("cancelling a Snowflake query failed", e);
            }
        }
        answers.forEach(SnowflakeCatalogReader::closeQuietly);
        sessions.forEach(SnowflakeCatalogReader::closeQuietly);
        closeQuietly(connection);
        connection = null;
        if (queries != null) {
            // Queries still running close their own cursor and session when they end.
            queries.shutdownNow();
            started.clear();
        }
    }
}
