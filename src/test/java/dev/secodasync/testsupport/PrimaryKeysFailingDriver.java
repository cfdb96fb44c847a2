package dev.secodasync.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;

/**
 * A real JDBC driver, for a driver folder, that answers {@code jdbc:pkfail:<file>} with the SQLite
 * driver found beside it in that folder, except that {@code DatabaseMetaData.getPrimaryKeys}
 * always throws, as some drivers do. {@link #jarInto} writes it as a jar registering itself.
 */
public final class PrimaryKeysFailingDriver implements Driver {

    public static final String PREFIX = "jdbc:pkfail:";

    private final Driver sqlite;

    public PrimaryKeysFailingDriver() throws ReflectiveOperationException {
        sqlite = (Driver) Class.forName("org.sqlite.JDBC", true, PrimaryKeysFailingDriver.class.getClassLoader())
                .getDeclaredConstructor().newInstance();
    }

    /** Writes this class as {@code pkfail-driver.jar} into {@code folder}, registered in META-INF/services. */
    public static void jarInto(Path folder) throws IOException {
        String classFile = PrimaryKeysFailingDriver.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = PrimaryKeysFailingDriver.class.getClassLoader().getResourceAsStream(classFile)) {
            bytes = in.readAllBytes();
        }
        try (OutputStream file = Files.newOutputStream(folder.resolve("pkfail-driver.jar"));
                JarOutputStream jar = new JarOutputStream(file, new Manifest())) {
            jar.putNextEntry(new ZipEntry(classFile));
            jar.write(bytes);
            jar.putNextEntry(new ZipEntry("META-INF/services/java.sql.Driver"));
            jar.write((PrimaryKeysFailingDriver.class.getName() + "\n").getBytes());
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection connection = sqlite.connect("jdbc:sqlite:" + url.substring(PREFIX.length()), info);
        // Lambdas only: the jar holds this one class file.
        return proxy(Connection.class, (self, method, args) -> {
            Object result = invoke(method, connection, args);
            if (method.getName().equals("getMetaData")) {
                DatabaseMetaData metaData = (DatabaseMetaData) result;
                return proxy(DatabaseMetaData.class, (s, m, a) -> {
                    if (m.getName().equals("getPrimaryKeys")) {
                        throw new SQLFeatureNotSupportedException("getPrimaryKeys is not supported by this driver");
                    }
                    return invoke(m, metaData, a);
                });
            }
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(PrimaryKeysFailingDriver.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
