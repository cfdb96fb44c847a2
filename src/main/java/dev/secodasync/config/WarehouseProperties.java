package dev.secodasync.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * One warehouse to sync: where it is, how to sign in, what to read, and which Secoda
 * integration receives it ({@code sync.warehouses[i]}).
 *
 * @param name unique name of this warehouse; selects it with {@code --warehouse=NAME} and names
 *     its CSV file, so letters, digits, {@code .}, {@code _} and {@code -} only
 * @param kind the warehouse kind: {@code postgres}, {@code snowflake}, {@code mysql} (MySQL and MariaDB; the
 *     warehouse name is the database, each MySQL database a schema), {@code jdbc} (any database with a
 *     JDBC driver, read through {@code DatabaseMetaData}; needs {@code driver-path}) or {@code h2}
 * @param jdbcUrl JDBC URL of the warehouse, e.g. {@code jdbc:postgresql://db.internal:5432/analytics}
 * @param username user to sign in as; a read-only catalog role is enough
 * @param password password of that user; set it from an environment variable, e.g.
 *     {@code password: ${ANALYTICS_DB_PASSWORD:}}
 * @param integrationName name of the Secoda integration that receives this warehouse; default:
 *     {@code name}. Secoda keys every resource on it: renaming it re-creates the catalog entries
 * @param integrationType type given to Secoda when the integration is created; default: the kind
 *     ({@code postgres}, {@code h2}); newer Secoda docs also accept {@code custom}
 * @param integrationId id of an existing Secoda integration to upload into, skipping the lookup
 *     by name; needed only when several integrations share the name
 * @param includeSchemas glob patterns ({@code *}, {@code ?}, case-insensitive) a schema must match
 *     to be synced; default: every schema
 * @param excludeSchemas glob patterns of schemas to leave out; system schemas are always left out.
 *     Not set: none, except for {@code snowflake}, where the Secoda seed query's exclusions are the
 *     default ({@link #SNOWFLAKE_DEFAULT_EXCLUDE_SCHEMAS}); set it to {@code []} to read those too.
 *     {@code _} is an ordinary character in a glob: {@code HIST_*} does not match {@code HISTORY}
 * @param includePartitions list each partition of a partitioned table as a table of its own;
 *     default false: the partitioned (parent) table stands for all of them
 * @param properties extra JDBC driver properties, passed as they are (e.g. {@code sslmode: require})
 * @param privateKeyFile Snowflake key-pair sign-in: path of the PKCS#8 PEM private key
 * @param privateKey Snowflake key-pair sign-in: the PEM private key itself, e.g. from an
 *     environment variable ({@code ${SNOWFLAKE_PRIVATE_KEY:}}), instead of a file
 * @param privateKeyPassphrase passphrase of an encrypted private key; from the environment
 * @param token Snowflake programmatic access token or OAuth access token; from the environment
 * @param authenticator Snowflake authenticator for {@code token}: {@code PROGRAMMATIC_ACCESS_TOKEN}
 *     or {@code oauth}
 * @param role Snowflake role to use; default: the user's default role
 * @param computeWarehouse Snowflake virtual warehouse that runs the catalog queries
 * @param databases Snowflake databases to read; empty: every database the role can see except
 *     {@code SNOWFLAKE} and {@code SNOWFLAKE_SAMPLE_DATA}
 * @param lowerCaseNames Snowflake: lower-case database, schema, table and column names as the
 *     Secoda seed query does (default true); collisions are reported, never merged
 * @param accountUsage Snowflake: read every database in one query over
 *     {@code SNOWFLAKE.ACCOUNT_USAGE} (lags 45 minutes to 3 hours) instead of one query per database
 * @param excludeColumns Snowflake: glob patterns (case-insensitive) of column names to leave out;
 *     not set: the seed query's {@code dw_*}; {@code []} keeps every column
 * @param maxParallelDatabases Snowflake: how many databases' {@code INFORMATION_SCHEMA} queries
 *     run at the same time, each in a session of its own (1 to 32, default
 *     {@value #DEFAULT_PARALLEL_DATABASES}); the CSV keeps database order, and a query waits
 *     for its rows to be read before the next one starts, so memory stays bounded. 1 reads the
 *     databases one after another in one session
 * @param driverPath kind {@code jdbc}: the driver's jar files, or folders whose {@code *.jar} files
 *     are all loaded, read at run time into a class loader of their own (nothing is needed at build
 *     time); required for {@code jdbc}
 * @param driverClass kind {@code jdbc}: the {@code java.sql.Driver} class to use, e.g.
 *     {@code com.microsoft.sqlserver.jdbc.SQLServerDriver}; default: the driver the jars register
 *     in {@code META-INF/services/java.sql.Driver} (set it when they register none, or several)
 * @param format what the warehouse is uploaded as: {@code csv} (default; columns and tables) or
 *     {@code jsonl} (Secoda's JSONL import: also primary keys, view SQL and lineage). Switching an
 *     existing integration from one to the other may re-create its resources in Secoda (their ids
 *     differ), so the first upload after a switch needs {@code --force}
 * @param viewSql JSONL: put each view's SQL, as a fenced {@code sql} block, into its
 *     {@code definition} (default false: Secoda shows {@code definition} as the resource's
 *     documentation, which each sync would then overwrite)
 * @param lineageCluster JSONL: the {@code cluster} named for a lineage end outside this upload
 *     (a table the filters leave out, another database); default: the warehouse's {@code name}
 * @param maxTablesPerCall kind {@code jdbc}: at most this many tables' columns asked in one
 *     {@code getColumns} call (default {@value #DEFAULT_TABLES_PER_CALL}); a larger schema is asked
 *     in groups of tables sharing a name prefix, because most drivers hold a call's whole answer in
 *     memory. Raise it for a driver whose every call scans the whole schema; lower it for very
 *     wide tables
 */
public record WarehouseProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must be letters, digits, '.', '_' or '-' (it names the CSV file)") String name,
        @NotNull WarehouseKind kind,
        @NotBlank String jdbcUrl,
        String username,
        String password,
        String integrationName,
        String integrationType,
        String integrationId,
        @DefaultValue("*") List<String> includeSchemas,
        List<String> excludeSchemas,
        @DefaultValue("false") boolean includePartitions,
        @DefaultValue Map<String, String> properties,
        String privateKeyFile,
        String privateKey,
        String privateKeyPassphrase,
        String token,
        String authenticator,
        String role,
        String computeWarehouse,
        @DefaultValue List<String> databases,
        @DefaultValue("true") boolean lowerCaseNames,
        @DefaultValue("false") boolean accountUsage,
        List<String> excludeColumns,
        @Min(1) @Max(32) Integer maxParallelDatabases,
        List<String> driverPath,
        String driverClass,
        @DefaultValue("csv") OutputFormat format,
        @DefaultValue("false") boolean viewSql,
        String lineageCluster,
        @Min(1) Integer maxTablesPerCall) {

    /** Tables per {@code getColumns} call of kind {@code jdbc} unless {@code max-tables-per-call} says otherwise. */
    public static final int DEFAULT_TABLES_PER_CALL = 1000;

    /** Snowflake databases read at the same time unless {@code max-parallel-databases} says otherwise. */
    public static final int DEFAULT_PARALLEL_DATABASES = 4;

    /**
     * The schemas the Secoda seed query for Snowflake leaves out, as globs: staging, history and
     * snapshot copies, dbt Cloud pull-request schemas and CI schemas. ({@code INFORMATION_SCHEMA}
     * is always left out.)
     */
    public static final List<String> SNOWFLAKE_DEFAULT_EXCLUDE_SCHEMAS =
            List.of("STAGE_*", "HIST_*", "SNAP_*", "DBT_CLOUD_PR*", "CI_IMPACT_RESILIENCE_*");

    /** The columns the Secoda seed query for Snowflake leaves out: the warehouse's own bookkeeping. */
    public static final List<String> SNOWFLAKE_DEFAULT_EXCLUDE_COLUMNS = List.of("DW_*");

    public WarehouseProperties {
        boolean snowflake = kind == WarehouseKind.SNOWFLAKE;
        includeSchemas = includeSchemas == null || includeSchemas.isEmpty() ? List.of("*") : List.copyOf(includeSchemas);
        // Unset and empty differ here: only unset takes the seed's defaults.
        excludeSchemas = excludeSchemas != null ? List.copyOf(excludeSchemas)
                : snowflake ? SNOWFLAKE_DEFAULT_EXCLUDE_SCHEMAS : List.of();
        excludeColumns = excludeColumns != null ? List.copyOf(excludeColumns)
                : snowflake ? SNOWFLAKE_DEFAULT_EXCLUDE_COLUMNS : List.of();
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        databases = databases == null ? List.of() : List.copyOf(databases);
        driverPath = driverPath == null ? List.of() : List.copyOf(driverPath);
        if (driverClass != null && driverClass.isBlank()) {
            driverClass = null;
        }
        if (integrationName == null || integrationName.isBlank()) {
            integrationName = name;
        }
        if ((integrationType == null || integrationType.isBlank()) && kind != null) {
            integrationType = kind.dialect();
        }
        if (format == null) {
            format = OutputFormat.CSV;
        }
        if (lineageCluster == null || lineageCluster.isBlank()) {
            lineageCluster = name;
        }
        if (integrationId != null && integrationId.isBlank()) {
            integrationId = null;
        }
    }

    /** {@code max-parallel-databases}, or its default. */
    public int parallelDatabases() {
        return maxParallelDatabases == null ? DEFAULT_PARALLEL_DATABASES : maxParallelDatabases;
    }

    /** {@code max-tables-per-call}, or its default. */
    public int tablesPerCall() {
        return maxTablesPerCall == null ? DEFAULT_TABLES_PER_CALL : maxTablesPerCall;
    }

    /**
     * The built-in demo: an in-memory H2 database created from {@code sql/h2/demo-warehouse.sql},
     * bound from its keys as a configured warehouse would be, so every other setting is the default.
     */
    public static WarehouseProperties demo() {
        Map<String, String> keys = Map.of(
                "name", "demo",
                "kind", "h2",
                "jdbc-url", "jdbc:h2:mem:secoda_demo;INIT=RUNSCRIPT FROM 'classpath:sql/h2/demo-warehouse.sql'",
                "username", "sa",
                "integration-name", "secoda-sync demo",
                "integration-type", "custom");
        return new Binder(new MapConfigurationPropertySource(keys)).bindOrCreate("", WarehouseProperties.class);
    }

    /**
     * What is wrong with this entry beyond single-field constraints: sign-in settings that
     * contradict each other or do not fit the kind. Checked at start-up, before any connection.
     *
     * @param key the entry's configuration key, e.g. {@code sync.warehouses[0]}, used in the messages
     * @return one message per problem, each naming the key; empty when the entry is consistent
     */
    public List<String> problems(String key) {
        return WarehouseSettingsValidator.problems(this, key);
    }

    /**
     * The secret values of this entry, for masking: password, private key (also as the Base64 the
     * Snowflake driver is given), passphrase, token, and driver properties whose name says secret.
     */
    public List<String> secrets() {
        List<String> values = new ArrayList<>();
        values.add(password);
        values.add(privateKeyPassphrase);
        values.add(privateKey);
        if (privateKey != null) {
            values.add(Base64.getEncoder().encodeToString(privateKey.getBytes(StandardCharsets.UTF_8)));
        }
        values.add(token);
        properties.forEach((key, value) -> {
            if (key.toLowerCase(Locale.ROOT).matches(".*(password|pwd|token|secret|key).*")) {
                values.add(value);
            }
        });
        return values;
    }

    /** Never prints the password, key, token, nor driver properties, which may hold secrets too. */
    @Override
    public String toString() {
        return "WarehouseProperties[name=" + name + ", kind=" + kind + ", jdbcUrl=" + jdbcUrl
                + ", username=" + username + ", integrationName=" + integrationName + "]";
    }
}
