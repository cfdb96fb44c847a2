package dev.secodasync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh databases on the real MariaDB server (127.0.0.1:3306, user root, empty password, as on the
 * project's machines; {@code .ci/run} starts it). No skip: when the server cannot be reached the
 * test fails, naming it.
 */
public final class MariaDbTestDatabase {

    public static final String URL = "jdbc:mariadb://127.0.0.1:3306/";

    public static final String USER = "root";

    private MariaDbTestDatabase() {
    }

    /** A database name unique to this JVM, made from {@code prefix}. */
    public static String name(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid();
    }

    /** Runs the statements as root, e.g. to create databases {@link #name(String)} names. */
    public static void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at 127.0.0.1:3306 is needed by this test and could not be used"
                    + " (start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd): "
                    + e.getMessage(), e);
        }
    }

    /**
     * A fresh user {@code name}@'%' with {@code password} and only the given grants, e.g.
     * {@code "SELECT ON shop.*"}; drop it with {@code DROP USER IF EXISTS}.
     */
    public static void user(String name, String password, String... grants) {
        execute("DROP USER IF EXISTS " + name, "CREATE USER " + name + "@'%' IDENTIFIED BY '" + password + "'");
        for (String grant : grants) {
            execute("GRANT " + grant + " TO " + name + "@'%'");
        }
    }
}
