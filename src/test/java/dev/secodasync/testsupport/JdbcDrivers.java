package dev.secodasync.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Real JDBC drivers for {@code kind: jdbc} tests, as a user has them: jar files in a folder, on no
 * classpath. The build copies them from the local Maven repository into
 * {@code target/jdbc-drivers/<name>/} (maven-dependency-plugin, system property
 * {@code jdbc-drivers.dir}); a test copies one into its own folder.
 */
public final class JdbcDrivers {

    public static final String DUCKDB = "duckdb";
    public static final String SQLITE = "sqlite";
    public static final String MARIADB = "mariadb";
    public static final String POSTGRESQL = "postgresql";

    private JdbcDrivers() {
    }

    /** The build's folder of that driver's jars. */
    public static Path built(String name) {
        Path folder = Path.of(System.getProperty("jdbc-drivers.dir", "target/jdbc-drivers")).resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder.toAbsolutePath() + " is missing: the build copies the test drivers"
                    + " there (mvn process-test-resources)");
        }
        return folder;
    }

    /** A folder {@code dir/name} holding a copy of that driver's jars, as a user would put them. */
    public static Path copyTo(String name, Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> jars = Files.list(built(name))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** The test proves run-time loading only if the application's class loader cannot see the driver. */
    public static void assertNotOnClasspath(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, JdbcDrivers.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    /** Runs statements through the driver in {@code folder}, loaded apart as the job loads it, then closes. */
    public static void execute(Path folder, String url, String... statements) throws Exception {
        try (Connection connection = connect(folder, url); Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** A connection through the first driver the jars in {@code folder} register. */
    public static Connection connect(Path folder, String url) throws IOException, SQLException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Driver driver = ServiceLoader.load(Driver.class, loader).findFirst()
                .orElseThrow(() -> new IllegalStateException("no driver in " + folder));
        Connection connection = driver.connect(url, new Properties());
        if (connection == null) {
            throw new IllegalStateException(driver.getClass().getName() + " does not accept " + url);
        }
        return connection;
    }
}
