package dev.secodasync.extract.snowflake;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.csv.RowValidator;
import dev.secodasync.extract.ColumnRow;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the columns of a Snowflake account: the databases one after another in code-point order
 * of their CSV names, each through one cursor over its {@code INFORMATION_SCHEMA} (one cursor per
 * schema after error 090030), or everything through one cursor over {@code ACCOUNT_USAGE}. One
 * connection for the whole walk. Any failure names the database and Snowflake's code and message;
 * the caller then fails the warehouse, so a partial catalog is never uploaded.
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

    private final Deque<String> schemas = new ArrayDeque<>();

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
            log.info("Warehouse '{}': reading {} Snowflake database(s)", warehouse.name(), databases.size());
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
            if (databases.isEmpty()) {
                return false;
            }
            database = databases.poll();
            try {
                open(sql.columns(), databaseParameters(database));
                return true;
            } catch (SQLException e) {
                closeCursor();
                if (e.getErrorCode() != TOO_MUCH_DATA) {
                    throw failure(e);
                }
                List<String> found = schemasOf(database);
                log.info("Warehouse '{}': database {} answered 090030 (information schema query returned too much"
                        + " data); reading its {} schema(s) one by one", warehouse.name(), database, found.size());
                schemas.addAll(found);
            }
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
        SqlFiles.Bound query = SqlFiles.bind(namedSql, parameters);
        statement = connection.prepareStatement(query.sql());
        statement.setFetchSize(fetchSize);
        for (int i = 0; i < query.arguments().size(); i++) {
            statement.setObject(i + 1, query.arguments().get(i));
        }
        rows = statement.executeQuery();
    }

    /** The configured databases, or every database the role sees but Snowflake's own; in CSV order. */
    private List<String> databasesToRead() {
        List<String> names = warehouse.databases().isEmpty() ? discoverDatabases() : new ArrayList<>(warehouse.databases());
        names.sort(Comparator.<String, String>comparing(folding::fold, RowValidator::compareCodePoints)
                .thenComparing(RowValidator::compareCodePoints));
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
        SqlFiles.Bound query = SqlFiles.bind(sql.schemas(), parameters);
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.arguments().size(); i++) {
                ps.setObject(i + 1, query.arguments().get(i));
            }
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

    @Override
    public void close() {
        closeCursor();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the Snowflake connection failed", e);
            }
            connection = null;
        }
    }
}
