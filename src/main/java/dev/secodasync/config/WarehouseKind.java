package dev.secodasync.config;

/**
 * The kinds of warehouse secoda-sync can read. Each kind has a folder of SQL under
 * {@code sql/<dialect>/} with the same file names.
 */
public enum WarehouseKind {

    /** PostgreSQL: one database per warehouse entry, read through {@code pg_catalog}. */
    POSTGRES("postgres", "org.postgresql.Driver"),

    /** H2: the embedded demo, and any H2 database. */
    H2("h2", "org.h2.Driver"),

    /**
     * MySQL 8 and MariaDB 10.x through MariaDB Connector/J: one server per warehouse entry, read
     * through {@code information_schema}; the warehouse name is the database, each MySQL database a schema.
     */
    MYSQL("mysql", "org.mariadb.jdbc.Driver"),

    /** Snowflake: one account per warehouse entry, read database by database through INFORMATION_SCHEMA. */
    SNOWFLAKE("snowflake", "net.snowflake.client.api.driver.SnowflakeDriver"),

    /**
     * Any database with a JDBC driver, read through {@code java.sql.DatabaseMetaData}; the driver is
     * loaded at run time from {@code driver-path}, so it has no built-in class.
     */
    JDBC("jdbc", null);

    private final String dialect;

    private final String driverClassName;

    WarehouseKind(String dialect, String driverClassName) {
        this.dialect = dialect;
        this.driverClassName = driverClassName;
    }

    /** The folder under {@code sql/} holding this kind's statements, and the default integration type. */
    public String dialect() {
        return dialect;
    }

    /**
     * The JDBC driver class, named so that a fat jar never depends on DriverManager's service
     * discovery; null for {@link #JDBC}, whose driver the warehouse entry names.
     */
    public String driverClassName() {
        return driverClassName;
    }
}
