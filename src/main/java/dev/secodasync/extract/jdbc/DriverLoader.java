package dev.secodasync.extract.jdbc;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.support.Errors;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Loads a {@code kind: jdbc} warehouse's driver from its {@code driver-path} at run time and opens
 * connections with it. The jars get a class loader of their own whose parent is the platform class
 * loader: the driver sees the JDK ({@code java.sql}) and nothing of this application, so a driver
 * that bundles other versions of libraries the job uses (Jackson, SLF4J, even another MariaDB
 * driver) cannot clash with them. {@code DriverManager} only hands out drivers its caller's class
 * loader can see, so connections are opened through the {@link Driver} instance itself. A driver is
 * loaded once per warehouse entry for the run (the reader and {@code --check}'s count share it) and
 * its class loader stays open until the process ends, as a driver may load classes lazily.
 */
public final class DriverLoader {

    private final Map<String, Driver> loaded = new ConcurrentHashMap<>();

    /**
     * The warehouse's driver.
     *
     * @throws WarehouseReadException naming the jars or the class when no driver can be loaded
     */
    public Driver driver(WarehouseProperties warehouse) {
        return loaded.computeIfAbsent(warehouse.driverPath() + "|" + warehouse.driverClass(), key -> load(warehouse));
    }

    /**
     * A new connection with the warehouse's driver, URL, user, password and driver properties.
     *
     * @throws WarehouseReadException when the driver does not accept the URL or the connection fails
     */
    public Connection connect(WarehouseProperties warehouse) {
        Driver driver = driver(warehouse);
        String url = warehouse.jdbcUrl();
        Connection connection;
        // Some drivers load their plug-ins (authentication, SSL) through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(driver.getClass().getClassLoader());
        try {
            connection = driver.connect(url, WarehouseConnections.properties(warehouse));
        } catch (SQLException | RuntimeException e) {
            throw new WarehouseReadException("cannot connect to " + url + " with the driver " + driver.getClass().getName()
                    + ": " + Errors.oneLine(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (connection == null) {
            throw new WarehouseReadException("the driver " + driver.getClass().getName() + " does not accept the URL "
                    + url + " (Driver.connect returned null): check jdbc-url, driver-path and driver-class", null);
        }
        return connection;
    }

    private static Driver load(WarehouseProperties warehouse) {
        List<Path> jars = jars(warehouse.driverPath());
        URLClassLoader loader = new URLClassLoader("jdbc-driver-" + warehouse.name(), urls(jars),
                ClassLoader.getPlatformClassLoader());
        try {
            return warehouse.driverClass() != null ? instantiate(loader, warehouse.driverClass(), jars)
                    : discover(loader, warehouse.jdbcUrl(), jars);
        } catch (RuntimeException | LinkageError e) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // The failure to load is what the user needs to read.
            }
            if (e instanceof WarehouseReadException read) {
                throw read;
            }
            throw new WarehouseReadException("cannot load a JDBC driver from driver-path " + jars + ": " + Errors.oneLine(e), e);
        }
    }

    private static Driver instantiate(ClassLoader loader, String className, List<Path> jars) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new WarehouseReadException("driver-class " + className + " is not in driver-path " + jars, e);
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new WarehouseReadException("driver-class " + className + " (from driver-path " + jars
                    + ") is not a java.sql.Driver", null);
        }
        try {
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new WarehouseReadException("driver-class " + className + " cannot be created (it needs a public"
                    + " no-argument constructor): " + Errors.oneLine(e), e);
        }
    }

    // The drivers the jars register (META-INF/services/java.sql.Driver); with several, the first by
    // class name that accepts the URL, so that a jar registering a legacy alias still works.
    private static Driver discover(ClassLoader loader, String url, List<Path> jars) {
        List<Driver> drivers = new ArrayList<>();
        try {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                if (driver.getClass().getClassLoader() == loader) {
                    drivers.add(driver);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new WarehouseReadException("the JDBC driver registered in driver-path " + jars + " cannot be loaded: "
                    + Errors.oneLine(e), e);
        }
        if (drivers.isEmpty()) {
            throw new WarehouseReadException("driver-path " + jars + " holds no JDBC driver (no jar registers one in"
                    + " META-INF/services/java.sql.Driver): set driver-class, or point driver-path at the driver's jar", null);
        }
        drivers.sort(Comparator.comparing(d -> d.getClass().getName()));
        for (Driver driver : drivers) {
            try {
                if (driver.acceptsURL(url)) {
                    return driver;
                }
            } catch (SQLException e) {
                // A driver that cannot tell is not the one for this URL.
            }
        }
        return drivers.get(0);
    }

    // A folder stands for the jar files directly in it, in name order.
    static List<Path> jars(List<String> driverPath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : driverPath) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                            .sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new WarehouseReadException("cannot list the driver folder " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                jars.add(path);
            } else {
                throw new WarehouseReadException("driver-path " + path + " does not exist", null);
            }
        }
        if (jars.isEmpty()) {
            throw new WarehouseReadException("driver-path " + driverPath + " holds no .jar file", null);
        }
        return jars;
    }

    private static URL[] urls(List<Path> jars) {
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new WarehouseReadException("driver-path " + jars + " is not a valid file location: " + e.getMessage(), e);
        }
    }
}
