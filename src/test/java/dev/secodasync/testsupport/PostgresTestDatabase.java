package dev.secodasync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database on the real PostgreSQL server (127.0.0.1:5432, user postgres, trust auth, as on
 * the project's machines; override with {@code TEST_PG_HOST} / {@code _PORT} / {@code _USER}, not
 * {@code SECODA_*}: the job takes every {@code SECODA_*} and {@code SYNC_*} variable for a setting). There is no skip: when the server cannot be reached the test fails, naming it.
 *
 * <p>The database is created with an ICU linguistic default collation (en-US), under which "a"
 * sorts before "B": a catalog query that forgets {@code COLLATE "C"} returns the wrong order and
 * the tests see it.
 */
public final class PostgresTestDatabase {

    public static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /**
     * Creates a fresh database named {@code prefix} plus this JVM's pid (so that parallel test
     * runs on one server never drop each other's databases), runs the statements in it, and drops
     * it when the JVM exits.
     */
    public static PostgresTestDatabase create(String prefix, String... statements) {
        return create(prefix, "ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'", statements);
    }

    /** As {@link #create(String, String...)}, for a {@code SQL_ASCII} database: it stores any bytes, UTF-8 or not. */
    public static PostgresTestDatabase createSqlAscii(String prefix, String... statements) {
        return create(prefix, "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'", statements);
    }

    private static PostgresTestDatabase create(String prefix, String options, String... statements) {
        String name = prefix + "_" + ProcessHandle.current().pid();
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 " + options);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed by this test and"
                    + " could not be used (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql)"
                    + " main start): " + e.getMessage(), e);
        }
        PostgresTestDatabase db = new PostgresTestDatabase(name);
        Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
        db.execute(statements);
        return db;
    }

    private void drop() {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // Best effort: the next run of the same pid re-creates it anyway.
        }
    }

    /** Runs statements in this database, as the superuser. */
    public void execute(String... statements) {
        try (Connection c = connect(name); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test setup SQL failed in " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /** A JDBC URL of the server's {@code postgres} database, e.g. for a job repository. */
    public static String adminJdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(adminJdbcUrl(database), USER, "");
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
